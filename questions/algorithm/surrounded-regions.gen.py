"""Stress input for surrounded-regions: a 200 x 200 board with a region of ~20,000 cells."""


def generate(rng, size):
    m = max(1, min(size, 200))
    n = max(1, min(size, 200)) if size > 20 else rng.randint(1, max(1, size))
    if size <= 20:
        return [[["O" if rng.random() < 0.5 else "X" for _ in range(n)] for _ in range(m)]]
    # A serpentine O path touching the border at one end (deep for recursive searches),
    # plus enclosed specks.
    board = [["X"] * n for _ in range(m)]
    for r in range(1, m - 1, 2):
        for c in range(1, n - 1):
            board[r][c] = "O"
        if r + 1 < m - 1:
            board[r + 1][n - 2 if (r // 2) % 2 == 0 else 1] = "O"
    board[1][0] = "O"  # the path's open end
    for _ in range(200):
        r, c = rng.randrange(1, m - 1), rng.randrange(1, n - 1)
        if board[r][c] == "X" and all(board[r + dr][c + dc] == "X" for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1))):
            board[r][c] = "O"
    return [board]


def slow(board):
    m, n = len(board), len(board[0])
    safe = set()
    for r in range(m):
        for c in range(n):
            if board[r][c] == "O" and (r in (0, m - 1) or c in (0, n - 1)):
                safe.add((r, c))
    frontier = list(safe)
    while frontier:
        r, c = frontier.pop()
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < m and 0 <= nc < n and board[nr][nc] == "O" and (nr, nc) not in safe:
                safe.add((nr, nc))
                frontier.append((nr, nc))
    for r in range(m):
        for c in range(n):
            board[r][c] = "O" if (r, c) in safe else "X"
