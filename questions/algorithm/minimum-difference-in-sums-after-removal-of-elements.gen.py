"""Stress input: 3n values in [1, 10^5] with n = `size`."""


def generate(rng, size):
    n = max(1, size)
    hi = 10**5 if size > 20 else 9
    return [[rng.randint(1, hi) for _ in range(3 * n)]]


def slow(nums):
    # For every split point, the n smallest on the left and the n largest on the right.
    n = len(nums) // 3
    best = None
    for k in range(n, 2 * n + 1):
        d = sum(sorted(nums[:k])[:n]) - sum(sorted(nums[k:])[-n:])
        best = d if best is None or d < best else best
    return best
