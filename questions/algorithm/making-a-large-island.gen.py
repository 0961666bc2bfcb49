"""Stress input for making-a-large-island: an n x n map of scattered islands."""


def generate(rng, size):
    n = max(1, size)
    p = 0.55 if n > 20 else rng.random()
    return [[[1 if rng.random() < p else 0 for _ in range(n)] for _ in range(n)]]


def slow(grid):
    n = len(grid)

    def biggest(g):
        seen, best = set(), 0
        for r in range(n):
            for c in range(n):
                if g[r][c] == 1 and (r, c) not in seen:
                    seen.add((r, c))
                    stack, size = [(r, c)], 0
                    while stack:
                        x, y = stack.pop()
                        size += 1
                        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                            if 0 <= nx < n and 0 <= ny < n and g[nx][ny] == 1 and (nx, ny) not in seen:
                                seen.add((nx, ny))
                                stack.append((nx, ny))
                    best = max(best, size)
        return best

    best = biggest(grid)
    for r in range(n):
        for c in range(n):
            if grid[r][c] == 0:
                g = [row[:] for row in grid]
                g[r][c] = 1
                best = max(best, biggest(g))
    return best
