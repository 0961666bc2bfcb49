def generate(rng, size):
    return [[rng.randint(0, 1000) for _ in range(size)]]


def slow(prices):
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
