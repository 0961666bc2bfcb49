def generate(rng, size):
    """Small sizes: values in -2..2 so pivots are common. Large sizes: full range, no pivot
    planted, so a scan has to walk the whole list."""
    n = max(1, size)
    if n < 50:
        return [[rng.randint(-2, 2) for _ in range(n)]]
    return [[rng.randint(1, 1000) for _ in range(n)]]


def slow(nums):
    for i in range(len(nums)):
        if sum(nums[:i]) == sum(nums[i + 1:]):
            return i
    return -1
