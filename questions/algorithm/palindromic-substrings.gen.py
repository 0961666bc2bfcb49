"""Stress input for palindromic-substrings: 1000 letters, mostly one letter (worst case)."""


def generate(rng, size):
    n = max(1, min(size, 1000))
    if size > 20:
        s = ["a"] * n
        for _ in range(3):
            s[rng.randrange(n)] = "b"
        return ["".join(s)]
    return ["".join(rng.choice("ab") for _ in range(n))]


def slow(s):
    return sum(1 for i in range(len(s)) for j in range(i + 1, len(s) + 1) if s[i:j] == s[i:j][::-1])
