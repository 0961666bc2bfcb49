def generate(rng, size):
    """Small sizes: a few random routes. Large sizes: 500 routes that all share the same stops and
    a target no bus reaches, so a search that revisits shared stops does 500x the work."""
    if size < 1000:
        stops = list(range(size + 2))
        routes = [rng.sample(stops, rng.randint(1, len(stops))) for _ in range(rng.randint(1, 5))]
        return [routes, rng.choice(stops), rng.choice(stops)]
    n_routes = 500
    shared = size // n_routes - 1
    routes = [[s for s in range(shared)] + [10**5 + r] for r in range(n_routes)]
    for route in routes:
        rng.shuffle(route)
    return [routes, 10**5, 10**6 - 1]


def slow(routes, source, target):
    """Breadth-first search over routes, two routes linked when they share a stop."""
    if source == target:
        return 0
    start = [i for i, r in enumerate(routes) if source in r]
    dist = {i: 1 for i in start}
    frontier = list(start)
    while frontier:
        nxt = []
        for i in frontier:
            if target in routes[i]:
                return dist[i]
            for j, other in enumerate(routes):
                if j not in dist and set(routes[i]) & set(other):
                    dist[j] = dist[i] + 1
                    nxt.append(j)
        frontier = nxt
    return -1
