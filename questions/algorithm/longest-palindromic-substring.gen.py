"""Stress input for longest-palindromic-substring: `size` characters from a two-letter alphabet."""


def generate(rng, size):
    n = max(1, size)
    if n > 20:
        # Mostly one letter: the worst case for checking every substring.
        s = ["a"] * n
        for _ in range(3):
            s[rng.randrange(n)] = "b"
        return ["".join(s)]
    return ["".join(rng.choice("ab") for _ in range(n))]


def slow(s):
    best = s[0]
    for i in range(len(s)):
        for j in range(i + 1, len(s) + 1):
            t = s[i:j]
            if t == t[::-1] and len(t) > len(best):
                best = t
    return best
