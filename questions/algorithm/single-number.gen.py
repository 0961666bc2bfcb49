"""Stress input for single-number: 3 * 10^4 - 1 values, every one twice but one."""


def generate(rng, size):
    pairs = max(0, min(size, 3 * 10**4) // 2)
    values = rng.sample(range(-3 * 10**4, 3 * 10**4 + 1), pairs + 1)
    nums = values[1:] * 2 + [values[0]]
    rng.shuffle(nums)
    return [nums]


def slow(nums):
    from collections import Counter

    return next(x for x, k in Counter(nums).items() if k == 1)
