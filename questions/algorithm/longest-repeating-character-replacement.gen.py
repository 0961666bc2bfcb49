"""Stress input for longest-repeating-character-replacement: `size` letters from A-D."""


def generate(rng, size):
    n = max(1, size)
    s = "".join(rng.choice("AABCD") for _ in range(n))
    return [s, rng.randint(0, n if n <= 20 else n // 100)]


def slow(s, k):
    best = 0
    for i in range(len(s)):
        counts = {}
        for j in range(i, len(s)):
            counts[s[j]] = counts.get(s[j], 0) + 1
            if j - i + 1 - max(counts.values()) <= k:
                best = max(best, j - i + 1)
    return best
