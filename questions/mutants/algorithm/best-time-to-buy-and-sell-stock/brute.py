# Brute force for best-time-to-buy-and-sell-stock: correct but too slow for the stress case (must time out).
def max_profit(prices):
    best = 0
    for i in range(len(prices)):
        for j in range(i + 1, len(prices)):
            best = max(best, prices[j] - prices[i])
    return best
