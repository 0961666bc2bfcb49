# Rule mutant for binary-search: correct and O(log n), but calls bisect instead of writing the loop.
import bisect


def search(nums, target):
    i = bisect.bisect_left(nums, target)
    return i if i < len(nums) and nums[i] == target else -1
