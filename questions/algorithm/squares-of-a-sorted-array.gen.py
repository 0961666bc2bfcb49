"""Input for squares-of-a-sorted-array at its limit: 10^4 sorted values."""


def generate(rng, size):
    n = max(1, size)
    return [sorted(rng.randint(-10**4, 10**4) for _ in range(n))]


def slow(nums):
    return sorted(x * x for x in nums)
