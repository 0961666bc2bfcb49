"""Input for sum-of-two-integers: two values in [-1000, 1000]."""


def generate(rng, size):
    lim = min(1000, 10 * max(1, size))
    return [rng.randint(-lim, lim), rng.randint(-lim, lim)]


def slow(a, b):
    return a + b
