def generate(rng, size):
    """A shuffled run 1..m with junk mixed in, so the answer is usually m + 1 or a gap."""
    n = max(1, size)
    m = rng.randint(0, n)
    nums = list(range(1, m + 1))
    if nums and rng.random() < 0.5:
        nums.pop(rng.randrange(len(nums)))
    while len(nums) < n:
        nums.append(rng.choice([0, -rng.randint(1, 2**31), rng.randint(1, 2**31 - 1), rng.randint(1, n)]))
    rng.shuffle(nums)
    return [nums]


def slow(nums):
    k = 1
    while k in nums:
        k += 1
    return k
