# Brute force for jump-game-ii: correct but too slow for the stress case (must time out).
def jump(nums):
    """fewest[i] = fewest jumps to reach i, relaxing every jump from every index."""
    n = len(nums)
    fewest = [0] + [float("inf")] * (n - 1)
    for i in range(n):
        for step in range(1, nums[i] + 1):
            if i + step < n and fewest[i] + 1 < fewest[i + step]:
                fewest[i + step] = fewest[i] + 1
    return fewest[-1]
