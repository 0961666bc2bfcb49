# Brute force: for every split point, sort both sides again, O(n^2 log n).
def minimum_difference(nums):
    n = len(nums) // 3
    best = None
    for k in range(n, 2 * n + 1):
        d = sum(sorted(nums[:k])[:n]) - sum(sorted(nums[k:])[-n:])
        if best is None or d < best:
            best = d
    return best
