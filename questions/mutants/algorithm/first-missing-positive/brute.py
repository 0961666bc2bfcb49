# Brute force for first-missing-positive: correct but too slow for the stress case (must time out).
def first_missing_positive(nums):
    k = 1
    while k in nums:
        k += 1
    return k
