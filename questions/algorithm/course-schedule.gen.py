def generate(rng, size):
    """A random DAG over `size` jobs (edges from higher to lower position in a hidden order);
    half of the time one back edge closes a cycle."""
    n = max(1, size)
    order = list(range(n))
    rng.shuffle(order)
    pairs = set()
    for _ in range(min(5000, 3 * n) if n >= 50 else rng.randint(0, 2 * n)):
        a, b = sorted(rng.sample(range(n), 2)) if n > 1 else (0, 0)
        if a != b:
            pairs.add((order[b], order[a]))
    if rng.random() < 0.5 and n > 1 and pairs:
        a, b = next(iter(pairs))
        pairs.add((b, a))
    pairs = [list(p) for p in pairs][:5000]
    rng.shuffle(pairs)
    return [n, pairs]


def slow(n, prerequisites):
    """Repeatedly scan every job for one whose prerequisites are all done."""
    done = [False] * n
    for _ in range(n):
        progress = False
        for job in range(n):
            if not done[job] and all(done[b] for a, b in prerequisites if a == job):
                done[job] = True
                progress = True
                break
        if not progress:
            return False
    return True
