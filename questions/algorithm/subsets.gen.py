"""Input for subsets at its limit: 10 distinct values."""


def generate(rng, size):
    return [rng.sample(range(-10, 11), max(1, min(size, 10)))]


def slow(nums):
    return [[nums[i] for i in range(len(nums)) if mask >> i & 1] for mask in range(1 << len(nums))]
