def generate(rng, size):
    """Small sizes: a crowded value range. Large sizes: values spread far apart, so no pair
    qualifies and the whole list must be scanned."""
    n = max(1, size)
    if size < 50:
        return [[rng.randint(-20, 20) for _ in range(n)], rng.randint(1, n), rng.randint(0, 3)]
    nums = [i * 7 - 10**9 + rng.randint(0, 2) for i in range(n)]
    rng.shuffle(nums)
    return [nums, n, rng.randint(0, 3) if size < 50 else 1]


def slow(nums, index_diff, value_diff):
    for i in range(len(nums)):
        for j in range(i + 1, min(len(nums), i + index_diff + 1)):
            if abs(nums[i] - nums[j]) <= value_diff:
                return True
    return False
