"""Stress input for redundant-connection: a random tree on 1000 nodes plus one extra edge."""


def generate(rng, size):
    n = max(3, min(size, 1000))
    order = list(range(1, n + 1))
    rng.shuffle(order)
    edges = []
    for i in range(1, n):
        a, b = order[rng.randrange(i)], order[i]
        edges.append([a, b] if rng.random() < 0.5 else [b, a])
    have = {tuple(sorted(e)) for e in edges}
    while True:
        a, b = rng.sample(range(1, n + 1), 2)
        if tuple(sorted((a, b))) not in have:
            break
    edges.insert(rng.randrange(len(edges) + 1), [a, b])
    return [edges]


def slow(edges):
    # Try removing edges from the last one backwards; the first removal leaving a tree wins.
    n = len(edges)
    for skip in range(n - 1, -1, -1):
        adj = {i: [] for i in range(1, n + 1)}
        for k, (a, b) in enumerate(edges):
            if k != skip:
                adj[a].append(b)
                adj[b].append(a)
        seen, stack = {1}, [1]
        while stack:
            u = stack.pop()
            for v in adj[u]:
                if v not in seen:
                    seen.add(v)
                    stack.append(v)
        if len(seen) == n:
            return edges[skip]
    return []
