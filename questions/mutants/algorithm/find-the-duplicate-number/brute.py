# Brute force for find-the-duplicate-number: correct but too slow for the stress case (must time out).
def find_duplicate(nums):
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] == nums[j]:
                return nums[i]
