"""Input for permutations at its limit: 6 distinct values in [-10, 10]."""


def generate(rng, size):
    return [rng.sample(range(-10, 11), max(1, min(size, 6)))]


def slow(nums):
    if len(nums) <= 1:
        return [list(nums)]
    out = []
    for i, x in enumerate(nums):
        for rest in slow(nums[:i] + nums[i + 1:]):
            out.append([x] + rest)
    return out
