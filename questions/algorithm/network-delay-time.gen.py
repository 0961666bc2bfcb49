"""Stress input for network-delay-time: 100 nodes and 6000 one-way links."""


def generate(rng, size):
    n = max(1, min(size, 100))
    m = 6000 if size > 20 else rng.randint(0, 3 * n)
    times = [[rng.randint(1, n), rng.randint(1, n), rng.randint(0, 100)] for _ in range(m)]
    times = [t for t in times if t[0] != t[1]]
    return [times, n, rng.randint(1, n)]


def slow(times, n, k):
    # Bellman-Ford.
    inf = float("inf")
    dist = [inf] * (n + 1)
    dist[k] = 0
    for _ in range(n):
        for u, v, w in times:
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
    worst = max(dist[1:])
    return -1 if worst == inf else worst
