"""Stress input for two-sum: 10^4 distinct values, the only pair found late."""


def generate(rng, size):
    n = max(2, size)
    big = n > 20
    # Distinct even values: no two of them can add up to an odd target.
    pool = rng.sample(range(-10**9, 10**9, 2), n - 1)
    b = pool.pop()                              # even, distinct from the rest
    a = rng.randrange(-10**9 + 1, 10**9, 2)     # the only odd value
    nums = pool + [a, b]
    if not big:
        rng.shuffle(nums)
    return [nums, a + b]


def slow(nums, target):
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                return [i, j]
    return []
