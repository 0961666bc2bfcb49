def generate(rng, size):
    """A shuffled 1..n with one value repeated (sometimes several times)."""
    n = max(1, size)
    nums = list(range(1, n + 1))
    dup = rng.randint(1, n)
    nums.append(dup)
    for _ in range(rng.randint(0, 2)):
        spot = rng.randrange(len(nums))
        if nums[spot] != dup and nums.count(nums[spot]) == 1 and size < 50:
            nums[spot] = dup
    rng.shuffle(nums)
    return [nums]


def slow(nums):
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] == nums[j]:
                return nums[i]
