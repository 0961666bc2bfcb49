# Brute force: every start, extended until more than k zeros, O(n^2).
def longest_ones(nums, k):
    best = 0
    for i in range(len(nums)):
        zeros = 0
        for j in range(i, len(nums)):
            if nums[j] == 0:
                zeros += 1
                if zeros > k:
                    break
            if j - i + 1 > best:
                best = j - i + 1
    return best
