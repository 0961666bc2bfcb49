"""Input for unique-paths: grids up to 100 cells long whose answer fits 32 bits."""
from math import comb


def generate(rng, size):
    while True:
        m, n = rng.randint(1, 100 if size > 20 else max(1, size)), rng.randint(1, 100 if size > 20 else max(1, size))
        if comb(m + n - 2, m - 1) < 2**31:
            return [m, n]


def slow(m, n):
    return comb(m + n - 2, m - 1)
