"""Stress input for swim-in-rising-water: a 50 x 50 terrain."""


def generate(rng, size):
    n = max(1, min(size, 50))
    values = list(range(n * n))
    rng.shuffle(values)
    return [[values[r * n:(r + 1) * n] for r in range(n)]]


def slow(grid):
    n = len(grid)
    for t in range(n * n):
        if grid[0][0] > t:
            continue
        seen, stack = {(0, 0)}, [(0, 0)]
        while stack:
            r, c = stack.pop()
            if (r, c) == (n - 1, n - 1):
                return t
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < n and 0 <= nc < n and (nr, nc) not in seen and grid[nr][nc] <= t:
                    seen.add((nr, nc))
                    stack.append((nr, nc))
    return -1
