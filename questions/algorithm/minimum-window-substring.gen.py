"""Stress input for minimum-window-substring: `size` letters in s and a shorter t."""


def generate(rng, size):
    n = max(1, size)
    alphabet = "abcdefghijklmnopqrstuvwxyzAB" if n > 20 else "abc"
    s = "".join(rng.choice(alphabet) for _ in range(n))
    t = "".join(rng.choice(alphabet) for _ in range(max(1, n // 1000 if n > 20 else rng.randint(1, 3))))
    return [s, t]


def slow(s, t):
    from collections import Counter

    need = Counter(t)
    for length in range(len(t), len(s) + 1):
        for i in range(len(s) - length + 1):
            have = Counter(s[i:i + length])
            if all(have[c] >= k for c, k in need.items()):
                return s[i:i + length]
    return ""
