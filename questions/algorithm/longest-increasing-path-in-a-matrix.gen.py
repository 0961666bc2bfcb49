"""Stress input for longest-increasing-path-in-a-matrix: a 200 x 200 grid with long climbs."""


def generate(rng, size):
    # size is the side length; a gentle slope plus noise gives long increasing paths.
    n = max(1, size)
    return [[[(r + c) * 3 + rng.randint(0, 4) for c in range(n)] for r in range(n)]]


def slow(matrix):
    from functools import lru_cache

    m, n = len(matrix), len(matrix[0])

    @lru_cache(maxsize=None)
    def walk(r, c):
        best = 1
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < m and 0 <= nc < n and matrix[nr][nc] > matrix[r][c]:
                best = max(best, 1 + walk(nr, nc))
        return best

    return max(walk(r, c) for r in range(m) for c in range(n))
