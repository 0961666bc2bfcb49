def generate(rng, size):
    """size values drawn from a narrow band so that many triplets sum to zero."""
    spread = max(1, size // 3)
    return [[rng.randint(-spread, spread) for _ in range(size)]]


def slow(nums):
    """Every triple of positions, deduplicated by its sorted values."""
    found = set()
    n = len(nums)
    for i in range(n):
        for j in range(i + 1, n):
            for k in range(j + 1, n):
                if nums[i] + nums[j] + nums[k] == 0:
                    found.add(tuple(sorted((nums[i], nums[j], nums[k]))))
    return [list(t) for t in found]
