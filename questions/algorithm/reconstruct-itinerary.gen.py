"""Input for reconstruct-itinerary: up to 300 tickets forming one trip that starts at JFK."""


def generate(rng, size):
    n = max(1, min(size, 300))
    airports = ["JFK"] + ["".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3)) for _ in range(max(2, n // 10))]
    trip = ["JFK"]
    for _ in range(n):
        trip.append(rng.choice([a for a in airports if a != trip[-1]]))
    tickets = [[a, b] for a, b in zip(trip, trip[1:])]
    rng.shuffle(tickets)
    return [tickets]


def slow(tickets):
    # Backtracking over the sorted choices: the first complete trip is the smallest one.
    from collections import defaultdict

    graph = defaultdict(list)
    for a, b in sorted(tickets):
        graph[a].append(b)
    used = defaultdict(lambda: [False] * 0)
    for a in graph:
        used[a] = [False] * len(graph[a])
    route = ["JFK"]

    def go():
        if len(route) == len(tickets) + 1:
            return True
        here = route[-1]
        tried = set()
        for i, b in enumerate(graph[here]):
            if used[here][i] or b in tried:
                continue
            tried.add(b)
            used[here][i] = True
            route.append(b)
            if go():
                return True
            route.pop()
            used[here][i] = False
        return False

    import sys

    sys.setrecursionlimit(10000)
    go()
    return route
