# Brute force for best-time-to-buy-and-sell-stock-with-cooldown: correct but too slow for the stress case (must time out).
def max_profit(prices):
    """best[i]: most profit from day i on while holding nothing; try every buy/sell pair."""
    n = len(prices)
    best = [0] * (n + 2)
    for i in range(n - 1, -1, -1):
        top = best[i + 1]
        for j in range(i + 1, n):
            gain = prices[j] - prices[i] + best[j + 2]
            if gain > top:
                top = gain
        best[i] = top
    return best[0]
