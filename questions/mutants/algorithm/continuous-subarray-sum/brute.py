# Brute force for continuous-subarray-sum: correct but too slow for the stress case (must time out).
def check_subarray_sum(nums, k):
    for i in range(len(nums)):
        total = nums[i]
        for j in range(i + 1, len(nums)):
            total += nums[j]
            if total % k == 0:
                return True
    return False
