"""Stress input for permutation-in-string: s1 of 5000 letters, s2 of 10^4."""
import string


def generate(rng, size):
    if size <= 20:
        return ["".join(rng.choice("abc") for _ in range(rng.randint(1, 3))), "".join(rng.choice("abc") for _ in range(max(1, size)))]
    letters = string.ascii_lowercase
    s2 = "".join(rng.choice(letters) for _ in range(size))
    s1 = "".join(rng.choice(letters) for _ in range(size // 2))
    return [s1, s2]


def slow(s1, s2):
    target = sorted(s1)
    return any(sorted(s2[i:i + len(s1)]) == target for i in range(len(s2) - len(s1) + 1))
