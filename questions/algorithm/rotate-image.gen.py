"""Input for rotate-image at its limit: a 20 x 20 matrix."""


def generate(rng, size):
    n = max(1, min(size, 20))
    return [[[rng.randint(-1000, 1000) for _ in range(n)] for _ in range(n)]]


def slow(matrix):
    n = len(matrix)
    turned = [[matrix[n - 1 - c][r] for c in range(n)] for r in range(n)]
    matrix[:] = turned
