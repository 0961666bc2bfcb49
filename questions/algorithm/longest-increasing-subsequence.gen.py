"""Stress input for longest-increasing-subsequence: 2500 values in [-10^4, 10^4]."""


def generate(rng, size):
    n = max(1, size)
    return [[rng.randint(-10**4, 10**4) for _ in range(n)]]


def slow(nums):
    best = [1] * len(nums)
    for i in range(len(nums)):
        for j in range(i):
            if nums[j] < nums[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best)
