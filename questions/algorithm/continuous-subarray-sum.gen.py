def generate(rng, size):
    """Large values and a large k: a hit is rare, so most of the list is scanned."""
    n = max(1, size)
    return [[rng.randint(1, 10**9) for _ in range(n)], rng.randint(10**9, 2**31 - 1)]


def slow(nums, k):
    for i in range(len(nums)):
        total = nums[i]
        for j in range(i + 1, len(nums)):
            total += nums[j]
            if total % k == 0:
                return True
    return False
