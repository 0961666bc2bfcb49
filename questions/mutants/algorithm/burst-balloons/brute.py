# Brute force for burst-balloons: correct but too slow for the stress case (must time out).
def max_coins(nums):
    """Try every burst order, remembering results per set of balloons still standing."""
    n = len(nums)
    memo = {}

    def best(alive):
        if not alive:
            return 0
        if alive in memo:
            return memo[alive]
        top = 0
        for pos, i in enumerate(alive):
            left = nums[alive[pos - 1]] if pos > 0 else 1
            right = nums[alive[pos + 1]] if pos + 1 < len(alive) else 1
            top = max(top, left * nums[i] * right + best(alive[:pos] + alive[pos + 1:]))
        memo[alive] = top
        return top

    return best(tuple(range(n)))
