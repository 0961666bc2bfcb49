"""Stress input for shortest-path-to-get-all-keys: a 30 x 30 maze with 6 keys and locks."""


def generate(rng, size):
    n = max(2, min(size, 30))
    k = min(6, max(1, n * n // 20))
    grid = [["#" if rng.random() < 0.2 else "." for _ in range(n)] for _ in range(n)]
    cells = rng.sample([(r, c) for r in range(n) for c in range(n)], 1 + 2 * k)
    r, c = cells[0]
    grid[r][c] = "@"
    for i in range(k):
        r, c = cells[1 + i]
        grid[r][c] = "abcdef"[i]
        r, c = cells[1 + k + i]
        grid[r][c] = "ABCDEF"[i] if rng.random() < 0.7 else "."
    return [["".join(row) for row in grid]]


def slow(grid):
    # BFS over (cell, keys held) with plain sets.
    m, n = len(grid), len(grid[0])
    keys = {ch for row in grid for ch in row if ch.islower()}
    start = next((r, c) for r in range(m) for c in range(n) if grid[r][c] == "@")
    frontier = {(start, frozenset())}
    seen = set(frontier)
    steps = 0
    while frontier:
        nxt = set()
        for (r, c), held in frontier:
            if held == keys:
                return steps
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < m and 0 <= nc < n:
                    ch = grid[nr][nc]
                    if ch == "#" or (ch.isupper() and ch.lower() not in held):
                        continue
                    h = held | {ch} if ch.islower() else held
                    if ((nr, nc), h) not in seen:
                        seen.add(((nr, nc), h))
                        nxt.add(((nr, nc), h))
        frontier = nxt
        steps += 1
    return -1
