def generate(rng, size):
    """Small sizes: short jumps (1..3), so the answer is long. Large sizes: jumps of 900..1000,
    so relaxing every jump length from every index is about n * 950 steps. The last index is
    always reachable (no zero before it)."""
    n = max(1, size)
    low, high = (1, 3) if n < 50 else (900, 1000)
    return [[rng.randint(low, high) for _ in range(n - 1)] + [rng.randint(0, 3)]]


def slow(nums):
    """fewest[i] = fewest jumps to reach i, relaxing every jump from every index."""
    n = len(nums)
    fewest = [0] + [float("inf")] * (n - 1)
    for i in range(n):
        for step in range(1, nums[i] + 1):
            if i + step < n and fewest[i] + 1 < fewest[i + step]:
                fewest[i + step] = fewest[i] + 1
    return fewest[-1]
