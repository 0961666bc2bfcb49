# Brute force for find-pivot-index: correct but too slow for the stress case (must time out).
def pivot_index(nums):
    for i in range(len(nums)):
        if sum(nums[:i]) == sum(nums[i + 1:]):
            return i
    return -1
