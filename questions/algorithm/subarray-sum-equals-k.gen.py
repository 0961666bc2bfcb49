"""Stress input for subarray-sum-equals-k: 2 * 10^4 small values, many matching runs."""


def generate(rng, size):
    n = max(1, size)
    nums = [rng.randint(-3, 3) for _ in range(n)]
    return [nums, rng.randint(-5, 5)]


def slow(nums, k):
    count = 0
    for i in range(len(nums)):
        total = 0
        for j in range(i, len(nums)):
            total += nums[j]
            count += total == k
    return count
