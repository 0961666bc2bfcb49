# Brute force for critical-connections-in-a-network: correct but too slow for the stress case (must time out).
def critical_connections(n, connections):
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
