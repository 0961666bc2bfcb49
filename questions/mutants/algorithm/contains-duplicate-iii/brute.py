# Brute force for contains-duplicate-iii: correct but too slow for the stress case (must time out).
def contains_nearby_almost_duplicate(nums, index_diff, value_diff):
    for i in range(len(nums)):
        for j in range(i + 1, min(len(nums), i + index_diff + 1)):
            if abs(nums[i] - nums[j]) <= value_diff:
                return True
    return False
