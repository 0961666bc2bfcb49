"""Stress input for search-in-rotated-sorted-array: 5000 distinct ids, wrapped at a random slot."""


def generate(rng, size):
    n = max(1, min(size, 5000))
    values = sorted(rng.sample(range(-10**4, 10**4 + 1), n))
    k = rng.randrange(n)
    nums = values[k:] + values[:k]
    target = rng.choice(nums) if rng.random() < 0.7 else rng.randint(-10**4, 10**4)
    return [nums, target]


def slow(nums, target):
    values = list(nums._values)  # the oracle reads the plain list behind the read counter
    return values.index(target) if target in values else -1
