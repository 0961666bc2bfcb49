# Brute force: the product of every subarray, O(n^2).
def max_product(nums):
    best = nums[0]
    for i in range(len(nums)):
        p = 1
        for j in range(i, len(nums)):
            p *= nums[j]
            if p > best:
                best = p
    return best
