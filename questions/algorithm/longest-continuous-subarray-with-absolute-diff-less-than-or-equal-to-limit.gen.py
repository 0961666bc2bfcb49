"""Stress input: `size` samples in a narrow band, so steady windows are long."""


def generate(rng, size):
    n = max(1, size)
    base = rng.randint(1, 10**9 - 1000)
    nums = [base + rng.randint(0, 1000) for _ in range(n)]
    return [nums, rng.randint(990, 1000) if n > 20 else rng.randint(0, 1000)]


def slow(nums, limit):
    best = 0
    for i in range(len(nums)):
        for j in range(i, len(nums)):
            window = nums[i:j + 1]
            if max(window) - min(window) <= limit:
                best = max(best, j - i + 1)
    return best
