def generate(rng, size):
    """Random walk with no two equal neighbours."""
    n = max(1, size)
    nums = [rng.randint(-2**31, 2**31 - 1)]
    while len(nums) < n:
        step = rng.randint(1, 10) * rng.choice((-1, 1))
        nums.append(max(-2**31, min(2**31 - 1, nums[-1] + step)))
        if nums[-1] == nums[-2]:
            nums[-1] += -1 if nums[-1] > 0 else 1
    return [nums]


def slow(nums):
    """Every peak index; the question's check accepts any of them."""
    padded = [float("-inf")] + nums + [float("-inf")]
    for i in range(1, len(padded) - 1):
        if padded[i - 1] < padded[i] > padded[i + 1]:
            return i - 1
