# Brute force: every start, extended while max - min stays within the limit, O(n^2).
def longest_subarray(nums, limit):
    best = 0
    for i in range(len(nums)):
        hi = lo = nums[i]
        for j in range(i, len(nums)):
            hi = max(hi, nums[j])
            lo = min(lo, nums[j])
            if hi - lo > limit:
                break
            best = max(best, j - i + 1)
    return best
