def generate(rng, size):
    """Small sizes: short jumps with zeros sprinkled in, so the answer varies. Large sizes: long
    jumps (10^4..10^5) and no zeros, so marking every landing spot from every index is about n²
    steps."""
    n = max(1, size)
    if n < 50:
        return [[0 if rng.random() < 0.3 else rng.randint(1, 3) for _ in range(n)]]
    return [[rng.randint(10**4, 10**5) for _ in range(n)]]


def slow(nums):
    """Mark every index reachable from each reachable index, one jump length at a time."""
    n = len(nums)
    can = [False] * n
    can[0] = True
    for i in range(n):
        if can[i]:
            for step in range(1, nums[i] + 1):
                if i + step < n:
                    can[i + step] = True
    return can[-1]
