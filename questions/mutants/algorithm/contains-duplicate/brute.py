# Brute force for contains-duplicate: correct but too slow for the stress case (must time out).
def contains_duplicate(nums):
    return any(nums[i] == nums[j] for i in range(len(nums)) for j in range(i + 1, len(nums)))
