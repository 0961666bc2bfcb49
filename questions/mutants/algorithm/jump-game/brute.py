# Brute force for jump-game: correct but too slow for the stress case (must time out).
def can_jump(nums):
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
