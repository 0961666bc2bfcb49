# Brute force for house-robber: correct but too slow for the stress case (must time out).
def rob(nums):
    """Take or skip each slot, without remembering results."""
    def best(i):
        if i >= len(nums):
            return 0
        return max(best(i + 1), nums[i] + best(i + 2))
    return best(0)
