"""Input for number-of-connected-components at its limits: 2000 nodes, 5000 links."""


def generate(rng, size):
    n = max(1, min(size, 2000)) if size <= 20 else 2000
    m = 0 if n == 1 else (rng.randint(0, 2 * n) if size <= 20 else 1900)
    edges = []
    for _ in range(m):
        a, b = rng.sample(range(n), 2)
        edges.append([a, b])
    return [n, edges]


def slow(n, edges):
    adj = {i: set() for i in range(n)}
    for a, b in edges:
        adj[a].add(b)
        adj[b].add(a)
    seen, count = set(), 0
    for s in range(n):
        if s not in seen:
            count += 1
            stack = [s]
            seen.add(s)
            while stack:
                u = stack.pop()
                for v in adj[u] - seen:
                    seen.add(v)
                    stack.append(v)
    return count
