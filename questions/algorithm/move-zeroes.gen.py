"""Stress input for move-zeroes: 10^4 values, about a third of them zero."""


def generate(rng, size):
    n = max(1, size)
    return [[0 if rng.random() < 0.35 else rng.randint(-2**31, 2**31 - 1) for _ in range(n)]]


def slow(nums):
    nums[:] = [x for x in nums if x != 0] + [0] * nums.count(0)
