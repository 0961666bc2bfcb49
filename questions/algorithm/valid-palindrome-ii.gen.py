"""Stress input for valid-palindrome-ii: a 10^5-letter palindrome with one or two letters inserted."""
import string


def generate(rng, size):
    n = max(1, size)
    half = [rng.choice("ab") for _ in range(n // 2)]
    s = half + ([rng.choice("ab")] if n % 2 else []) + half[::-1]
    for _ in range(rng.choice([0, 1, 1, 2])):
        s.insert(rng.randrange(len(s) + 1), rng.choice(string.ascii_lowercase))
    return ["".join(s[: max(1, len(s))])]


def slow(s):
    if s == s[::-1]:
        return True
    return any((t := s[:i] + s[i + 1:]) == t[::-1] for i in range(len(s)))
