"""Input for sort-colors at its limit: 300 values from {0, 1, 2}."""


def generate(rng, size):
    return [[rng.randint(0, 2) for _ in range(max(1, min(size, 300)))]]


def slow(nums):
    nums[:] = [0] * nums.count(0) + [1] * nums.count(1) + [2] * nums.count(2)
