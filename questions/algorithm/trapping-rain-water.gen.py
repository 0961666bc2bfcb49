"""Stress input for trapping-rain-water: 2 * 10^4 bars."""


def generate(rng, size):
    n = size
    return [[rng.randint(0, 10**5) if rng.random() < 0.1 else rng.randint(0, 100) for _ in range(n)]]


def slow(height):
    water = 0
    for i, h in enumerate(height):
        water += max(0, min(max(height[:i + 1]), max(height[i:])) - h)
    return water
