"""Stress input for missing-number: 0..n with one value missing, shuffled (n = `size`)."""


def generate(rng, size):
    n = max(1, size)
    nums = list(range(n + 1))
    nums.pop(rng.randrange(n + 1))
    rng.shuffle(nums)
    return [nums]


def slow(nums):
    present = set(nums)
    return next(x for x in range(len(nums) + 1) if x not in present)
