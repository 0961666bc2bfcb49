# Brute force for 3sum: correct but too slow for the stress case (must time out).
def three_sum(nums):
    """Every triple of positions, deduplicated by its sorted values."""
    found = set()
    n = len(nums)
    for i in range(n):
        for j in range(i + 1, n):
            for k in range(j + 1, n):
                if nums[i] + nums[j] + nums[k] == 0:
                    found.add(tuple(sorted((nums[i], nums[j], nums[k]))))
    return [list(t) for t in found]
