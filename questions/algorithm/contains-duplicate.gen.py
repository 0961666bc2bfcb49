def generate(rng, size):
    """Distinct values except, half of the time, one repeat planted at a random place."""
    nums = rng.sample(range(-10**9, 10**9), size)
    if size >= 2 and rng.random() < 0.5:
        nums[rng.randrange(size)] = nums[rng.randrange(size)]
    return [nums]


def slow(nums):
    return any(nums[i] == nums[j] for i in range(len(nums)) for j in range(i + 1, len(nums)))
