def generate(rng, size):
    """A random spanning tree plus a few extra links, so some links are bridges."""
    n = max(2, size)
    edges = set()
    for v in range(1, n):
        u = rng.randrange(v)
        edges.add((u, v))
    for _ in range(n // 3):
        a, b = rng.sample(range(n), 2)
        edges.add((min(a, b), max(a, b)))
    edges = [list(e) for e in edges]
    rng.shuffle(edges)
    return [n, edges]


def slow(n, connections):
    """Drop each link in turn and check whether the network stays connected."""
    out = []
    for skip in range(len(connections)):
        adj = [[] for _ in range(n)]
        for i, (a, b) in enumerate(connections):
            if i != skip:
                adj[a].append(b)
                adj[b].append(a)
        seen, stack = {0}, [0]
        while stack:
            for w in adj[stack.pop()]:
                if w not in seen:
                    seen.add(w)
                    stack.append(w)
        if len(seen) < n:
            out.append(list(connections[skip]))
    return out
