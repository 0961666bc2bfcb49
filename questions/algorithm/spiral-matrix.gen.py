"""Input for spiral-matrix at its limit: up to 10 x 10."""


def generate(rng, size):
    m, n = rng.randint(1, max(1, min(size, 10))), rng.randint(1, max(1, min(size, 10)))
    return [[[rng.randint(-100, 100) for _ in range(n)] for _ in range(m)]]


def slow(matrix):
    out = []
    rows = [list(r) for r in matrix]
    while rows:
        out += rows.pop(0)
        rows = [list(r) for r in zip(*rows)][::-1]  # turn the rest counter-clockwise
    return out
