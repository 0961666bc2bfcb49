"""Stress input for min-cost-to-connect-all-points: up to 1000 distinct points."""


def generate(rng, size):
    n = max(1, min(size, 1000))
    lim = 10**6 if size > 20 else 10
    pts = set()
    while len(pts) < n:
        pts.add((rng.randint(-lim, lim), rng.randint(-lim, lim)))
    return [[list(p) for p in pts]]


def slow(points):
    # Kruskal over every pair, with a plain union-find.
    n = len(points)
    edges = sorted((abs(points[i][0] - points[j][0]) + abs(points[i][1] - points[j][1]), i, j)
                   for i in range(n) for j in range(i + 1, n))
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    total = 0
    for d, i, j in edges:
        a, b = find(i), find(j)
        if a != b:
            parent[a] = b
            total += d
    return total
