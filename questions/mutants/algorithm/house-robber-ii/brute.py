# Brute force for house-robber-ii: correct but too slow for the stress case (must time out).
def rob(nums):
    """Take or skip each house, without remembering results; the first and last never both."""
    def best(i, end):
        if i > end:
            return 0
        return max(best(i + 1, end), nums[i] + best(i + 2, end))
    if len(nums) == 1:
        return nums[0]
    return max(best(0, len(nums) - 2), best(1, len(nums) - 1))
