"""Input for reverse-bits: an unsigned 32-bit value."""


def generate(rng, size):
    return [rng.getrandbits(32) if size > 3 else rng.randint(0, 2**size)]


def slow(n):
    return int(format(n, "032b")[::-1], 2)
