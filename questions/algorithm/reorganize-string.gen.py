"""Input for reorganize-string at its limit: 500 letters, sometimes one letter too many."""


def generate(rng, size):
    n = max(1, min(size, 500))
    top = rng.choice("abc")
    k = rng.randint((n + 1) // 2 - 1, (n + 1) // 2 + 1) if n > 2 else rng.randint(1, n)
    k = max(1, min(n, k))
    rest = [rng.choice("xyzw") for _ in range(n - k)]
    s = [top] * k + rest
    rng.shuffle(s)
    return ["".join(s)]


def slow(s):
    from collections import Counter

    counts = Counter(s)
    if max(counts.values()) > (len(s) + 1) // 2:
        return ""
    # Fill even slots, then odd slots, most frequent letter first.
    order = sorted(s, key=lambda ch: (-counts[ch], ch))
    out = [""] * len(s)
    slots = list(range(0, len(s), 2)) + list(range(1, len(s), 2))
    for i, ch in zip(slots, order):
        out[i] = ch
    return "".join(out)
