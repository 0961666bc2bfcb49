"""Stress input for longest-substring-without-repeating-characters: printable ASCII text."""
import string

ALPHABET = string.ascii_letters + string.digits + string.punctuation + " "


def generate(rng, size):
    return ["".join(rng.choice(ALPHABET if rng.random() < 0.9 else "ab") for _ in range(size))]


def slow(s):
    best = 0
    for i in range(len(s)):
        for j in range(i, len(s)):
            if len(set(s[i:j + 1])) == j - i + 1:
                best = max(best, j - i + 1)
    return best
