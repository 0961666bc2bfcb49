"""Input for number-of-1-bits: an unsigned 32-bit value."""


def generate(rng, size):
    return [rng.getrandbits(min(32, max(1, size)))]


def slow(n):
    return sum(1 for i in range(32) if n >> i & 1)
