"""Stress input for longest-common-subsequence: two strings of `size` letters from a small alphabet."""


def generate(rng, size):
    n = max(1, size)
    alphabet = "abcd" if n > 20 else "ab"
    return ["".join(rng.choice(alphabet) for _ in range(n)), "".join(rng.choice(alphabet) for _ in range(n))]


def slow(text1, text2):
    from functools import lru_cache

    @lru_cache(maxsize=None)
    def best(i, j):
        if i == len(text1) or j == len(text2):
            return 0
        if text1[i] == text2[j]:
            return 1 + best(i + 1, j + 1)
        return max(best(i + 1, j), best(i, j + 1))

    return best(0, 0)
