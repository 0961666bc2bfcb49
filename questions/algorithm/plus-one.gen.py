"""Input for plus-one at its limit: 100 digits, often ending in a run of nines."""


def generate(rng, size):
    n = max(1, min(size, 100))
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(n - 1)]
    tail = rng.randint(0, n)
    for i in range(n - tail, n):
        digits[i] = 9
    if n == 1 and rng.random() < 0.2:
        digits = [0]
    return [digits]


def slow(digits):
    return [int(c) for c in str(int("".join(map(str, digits))) + 1)]
