def generate(rng, size):
    """Long jump values with zeros sprinkled in; the answer varies."""
    n = max(1, size)
    big = 10**5 if n > 50 else 3
    return [[0 if rng.random() < 0.3 else rng.randint(1, big) for _ in range(n)]]


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
