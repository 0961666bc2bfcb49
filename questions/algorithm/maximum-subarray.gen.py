"""Stress input for maximum-subarray: `size` values in [-10^4, 10^4]."""


def generate(rng, size):
    n = max(1, size)
    return [[rng.randint(-10**4, 10**4) for _ in range(n)]]


def slow(nums):
    best = nums[0]
    for i in range(len(nums)):
        total = 0
        for j in range(i, len(nums)):
            total += nums[j]
            best = max(best, total)
    return best
