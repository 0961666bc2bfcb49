"""Input for merge-strings-alternately: two words of up to 100 letters."""
import string


def generate(rng, size):
    a = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, max(1, min(size, 100)))))
    b = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, max(1, min(size, 100)))))
    return [a, b]


def slow(word1, word2):
    out = ""
    for i in range(max(len(word1), len(word2))):
        out += word1[i:i + 1] + word2[i:i + 1]
    return out
