def generate(rng, size):
    weights = [rng.randint(1, 500) for _ in range(size)]
    return [weights, rng.randint(1, max(1, size // 3))]


def slow(weights, days):
    """Try every capacity upwards from the heaviest package."""
    cap = max(weights)
    while True:
        used, load = 1, 0
        for w in weights:
            if load + w > cap:
                used, load = used + 1, 0
            load += w
        if used <= days:
            return cap
        cap += 1
