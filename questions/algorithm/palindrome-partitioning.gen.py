"""Input for palindrome-partitioning at its limit: 16 letters (all equal gives 2^15 splittings)."""


def generate(rng, size):
    n = max(1, min(size, 16))
    if size > 20:
        return ["a" * 16]
    return ["".join(rng.choice("aab") for _ in range(n))]


def slow(s):
    out = []
    n = len(s)
    for mask in range(1 << (n - 1)):
        pieces, start = [], 0
        for i in range(n - 1):
            if mask >> i & 1:
                pieces.append(s[start:i + 1])
                start = i + 1
        pieces.append(s[start:])
        if all(p == p[::-1] for p in pieces):
            out.append(pieces)
    return out
