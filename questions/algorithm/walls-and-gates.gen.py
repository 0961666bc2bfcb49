"""Stress input for walls-and-gates: a 250 x 250 floor with many exits."""

INF = 2147483647


def generate(rng, size):
    m = max(1, min(size, 250))
    n = max(1, min(size, 250)) if size > 20 else rng.randint(1, max(1, size))
    p_gate = 0.01 if size > 20 else 0.2
    return [[[0 if rng.random() < p_gate else (-1 if rng.random() < 0.25 else INF) for _ in range(n)] for _ in range(m)]]


def slow(rooms):
    m, n = len(rooms), len(rooms[0])
    gates = [(r, c) for r in range(m) for c in range(n) if rooms[r][c] == 0]
    best = {}
    for g in gates:
        dist = {g: 0}
        frontier = [g]
        while frontier:
            nxt = []
            for r, c in frontier:
                for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if 0 <= nr < m and 0 <= nc < n and rooms[nr][nc] != -1 and (nr, nc) not in dist:
                        dist[(nr, nc)] = dist[(r, c)] + 1
                        nxt.append((nr, nc))
            frontier = nxt
        for cell, d in dist.items():
            best[cell] = min(best.get(cell, d), d)
    for r in range(m):
        for c in range(n):
            if rooms[r][c] == INF and (r, c) in best:
                rooms[r][c] = best[(r, c)]
