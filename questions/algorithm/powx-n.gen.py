"""Input for powx-n: exponents up to 2^31 - 1 in size, bases chosen so the result stays in [-10^4, 10^4]."""


def generate(rng, size):
    kind = rng.randrange(4)
    if kind == 0:
        return [rng.choice([1.0, -1.0]), rng.randint(-2**31, 2**31 - 1)]
    if kind == 1:
        n = rng.randint(1, 13)
        return [rng.choice([-1, 1]) * rng.uniform(0.1, 2.0), n * rng.choice([-1, 1])]
    if kind == 2:
        n = rng.randint(10**5, 10**6)
        return [1.0 + rng.uniform(-5, 5) / n, n * rng.choice([-1, 1])]
    return [rng.uniform(-99.0, 99.0), rng.choice([0, 1, -1, 2])]


def slow(x, n):
    return float(x) ** n  # the oracle may use the operator the candidate may not
