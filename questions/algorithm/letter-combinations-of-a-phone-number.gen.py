"""Input for letter-combinations-of-a-phone-number: up to 4 digits 2-9."""
from itertools import product

KEYS = {"2": "abc", "3": "def", "4": "ghi", "5": "jkl", "6": "mno", "7": "pqrs", "8": "tuv", "9": "wxyz"}


def generate(rng, size):
    n = min(size, 4)
    return ["".join(rng.choice("23456789") for _ in range(n))]


def slow(digits):
    if not digits:
        return []
    return ["".join(p) for p in product(*(KEYS[d] for d in digits))]
