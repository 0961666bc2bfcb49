def generate(rng, size):
    return [[rng.randint(0, 10**4) for _ in range(max(2, size))]]


def slow(height):
    best = 0
    for i in range(len(height)):
        for j in range(i + 1, len(height)):
            best = max(best, min(height[i], height[j]) * (j - i))
    return best
