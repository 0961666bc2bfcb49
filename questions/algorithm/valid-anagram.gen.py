"""Input for valid-anagram at its limit: 5 * 10^4 letters each."""
import string


def generate(rng, size):
    n = max(1, size)
    s = [rng.choice(string.ascii_lowercase) for _ in range(n)]
    t = s[:]
    rng.shuffle(t)
    if rng.random() < 0.5:
        t[rng.randrange(n)] = rng.choice(string.ascii_lowercase)
    return ["".join(s), "".join(t)]


def slow(s, t):
    return sorted(s) == sorted(t)
