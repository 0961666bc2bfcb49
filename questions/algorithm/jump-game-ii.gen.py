def generate(rng, size):
    """Short jumps (1..3) so the answer is long; the last index is always reachable."""
    n = max(1, size)
    return [[rng.randint(1, 3) for _ in range(n - 1)] + [rng.randint(0, 3)]]


def slow(nums):
    """fewest[i] = fewest jumps to reach i, relaxing every jump from every index."""
    n = len(nums)
    fewest = [0] + [float("inf")] * (n - 1)
    for i in range(n):
        for step in range(1, nums[i] + 1):
            if i + step < n and fewest[i] + 1 < fewest[i + step]:
                fewest[i + step] = fewest[i] + 1
    return fewest[-1]
