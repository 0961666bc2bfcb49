"""Stress input for set-matrix-zeroes: a 200 x 200 matrix with a few zeros."""


def generate(rng, size):
    m = max(1, min(size, 200))
    n = max(1, min(size, 200)) if size > 20 else rng.randint(1, max(1, size))
    p = 0.0005 if size > 20 else 0.15
    return [[[0 if rng.random() < p else rng.randint(-2**31, 2**31 - 1) for _ in range(n)] for _ in range(m)]]


def slow(matrix):
    rows = {r for r, row in enumerate(matrix) for v in row if v == 0}
    cols = {c for row in matrix for c, v in enumerate(row) if v == 0}
    for r, row in enumerate(matrix):
        for c in range(len(row)):
            if r in rows or c in cols:
                row[c] = 0
