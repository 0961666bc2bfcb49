"""Input for reverse-integer: a signed 32-bit value (about half of them overflow when reversed)."""


def generate(rng, size):
    digits = max(1, min(size, 10))
    x = rng.randint(0, min(2**31 - 1, 10**digits - 1))
    return [-x if rng.random() < 0.5 else x]


def slow(x):
    r = int(str(abs(x))[::-1]) * (1 if x >= 0 else -1)
    return r if -2**31 <= r <= 2**31 - 1 else 0
