"""Input for rotting-oranges at its limit: a 10 x 10 crate."""


def generate(rng, size):
    r, c = max(1, min(size, 10)), max(1, min(size, 10))
    return [[[rng.choice([0, 1, 1, 1, 2]) if rng.random() < 0.97 else 0 for _ in range(c)] for _ in range(r)]]


def slow(grid):
    grid = [row[:] for row in grid]
    minutes = 0
    while True:
        fresh = [(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if v == 1]
        if not fresh:
            return minutes
        turn = [(r, c) for r, c in fresh
                if any(0 <= r + dr < len(grid) and 0 <= c + dc < len(grid[0]) and grid[r + dr][c + dc] == 2
                       for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)))]
        if not turn:
            return -1
        for r, c in turn:
            grid[r][c] = 2
        minutes += 1
