"""Stress input for max-consecutive-ones-iii: `size` bits, mostly ones."""


def generate(rng, size):
    n = max(1, size)
    nums = [0 if rng.random() < 0.3 else 1 for _ in range(n)]
    return [nums, rng.randint(0, n if n <= 20 else n // 20)]


def slow(nums, k):
    best = 0
    for i in range(len(nums)):
        zeros = 0
        for j in range(i, len(nums)):
            zeros += nums[j] == 0
            if zeros > k:
                break
            best = max(best, j - i + 1)
    return best
