"""Stress input for number-of-islands: a 300 x 300 map with one huge winding island."""


def generate(rng, size):
    n = max(1, min(size, 300))
    if size <= 20:
        p = rng.random()
        return [[["1" if rng.random() < p else "0" for _ in range(n)] for _ in range(n)]]
    # A serpentine island (deep for recursive searches) plus random specks of land.
    grid = [["0"] * n for _ in range(n)]
    for r in range(0, n, 2):
        for c in range(n):
            grid[r][c] = "1"
        if r + 1 < n:
            grid[r + 1][n - 1 if (r // 2) % 2 == 0 else 0] = "1"
    for r in range(1, n, 2):
        for c in range(2, n - 2):
            if rng.random() < 0.3:
                grid[r][c] = "1"
    return [grid]


def slow(grid):
    rows, cols = len(grid), len(grid[0])
    parent = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == "1":
                parent[(r, c)] = (r, c)
    for r, c in list(parent):
        for nb in ((r + 1, c), (r, c + 1)):
            if nb in parent:
                parent[find((r, c))] = find(nb)
    return len({find(x) for x in parent})
