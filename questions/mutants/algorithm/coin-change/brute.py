# Brute force for coin-change: correct but too slow for the stress case (must time out).
def coin_change(coins, amount):
    """Try every coin first at every step, without remembering results."""
    def best(left):
        if left == 0:
            return 0
        fewest = -1
        for c in coins:
            if c <= left:
                sub = best(left - c)
                if sub >= 0 and (fewest < 0 or sub + 1 < fewest):
                    fewest = sub + 1
        return fewest
    return best(amount)
