def generate(rng, size):
    """Distinct sorted values; the target is present half of the time."""
    n = max(1, size)
    nums = sorted(rng.sample(range(-10**4, 10**4 + 1), n))
    target = rng.choice(nums) if rng.random() < 0.5 else rng.randint(-10**4, 10**4)
    return [nums, target]


def slow(nums, target):
    for i, v in enumerate(nums):
        if v == target:
            return i
    return -1
