def generate(rng, size):
    return [[rng.randint(0, 10**4) for _ in range(size)]]


def slow(prices):
    best = 0
    for i in range(len(prices)):
        for j in range(i + 1, len(prices)):
            best = max(best, prices[j] - prices[i])
    return best
