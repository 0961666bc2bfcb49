"""Stress input for shortest-path-in-binary-matrix: a 100 x 100 grid, about a third blocked."""


def generate(rng, size):
    n = max(1, min(size, 100))
    grid = [[1 if rng.random() < 0.33 else 0 for _ in range(n)] for _ in range(n)]
    grid[0][0] = grid[n - 1][n - 1] = 0 if rng.random() < 0.9 else 1
    return [grid]


def slow(grid):
    # Bellman-Ford style relaxation until nothing changes.
    n = len(grid)
    inf = float("inf")
    if grid[0][0] or grid[n - 1][n - 1]:
        return -1
    dist = [[inf] * n for _ in range(n)]
    dist[0][0] = 1
    changed = True
    while changed:
        changed = False
        for r in range(n):
            for c in range(n):
                if grid[r][c] or dist[r][c] == inf:
                    continue
                for dr in (-1, 0, 1):
                    for dc in (-1, 0, 1):
                        rr, cc = r + dr, c + dc
                        if 0 <= rr < n and 0 <= cc < n and not grid[rr][cc] and dist[r][c] + 1 < dist[rr][cc]:
                            dist[rr][cc] = dist[r][c] + 1
                            changed = True
    return -1 if dist[n - 1][n - 1] == inf else dist[n - 1][n - 1]
