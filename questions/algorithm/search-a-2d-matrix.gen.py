"""Stress input for search-a-2d-matrix: a 100 x 100 table."""


def generate(rng, size):
    m = max(1, min(size, 100))
    n = max(1, min(size, 100)) if size > 20 else rng.randint(1, max(1, size))
    values = sorted(rng.sample(range(-10**4, 10**4 + 1), m * n))
    matrix = [values[r * n:(r + 1) * n] for r in range(m)]
    target = rng.choice(values) if rng.random() < 0.5 else rng.randint(-10**4, 10**4)
    return [matrix, target]


def slow(matrix, target):
    rows = [list(row._values) for row in matrix._values]  # plain values behind the read counter
    return any(target in row for row in rows)
