"""Stress input for largest-rectangle-in-histogram: `size` bars of height 0..10^4."""


def generate(rng, size):
    n = max(1, size)
    # Long gentle slopes and plateaus, so that wide rectangles matter.
    heights, h = [], rng.randint(0, 10**4)
    for _ in range(n):
        h = min(10**4, max(0, h + rng.randint(-3, 3))) if rng.random() < 0.95 else rng.randint(0, 10**4)
        heights.append(h)
    return [heights]


def slow(heights):
    best = 0
    for i in range(len(heights)):
        low = heights[i]
        for j in range(i, len(heights)):
            low = min(low, heights[j])
            best = max(best, low * (j - i + 1))
    return best
