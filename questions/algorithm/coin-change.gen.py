def generate(rng, size):
    """Up to 12 distinct voucher values; the amount grows with size (capped at 10^4)."""
    count = min(12, max(1, size // 2 + 1))
    coins = rng.sample(range(1, 60 if size < 50 else 400), count)
    return [coins, min(10**4, size * 3 if size < 50 else 10**4)]


def slow(coins, amount):
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
