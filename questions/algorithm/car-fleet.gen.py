def generate(rng, size):
    """Distinct start positions; small sizes use a short road so groups form often."""
    n = max(1, size)
    target = 30 if n < 50 else 10**6
    position = rng.sample(range(0, target), n)
    speed = [rng.randint(1, 10 if n < 50 else 10**6) for _ in range(n)]
    return [target, position, speed]


def slow(target, position, speed):
    """For each runner, look at everyone ahead: it joins a group if some runner ahead of it
    arrives no earlier; count the runners that join nobody."""
    times = [(target - p) / s for p, s in zip(position, speed)]
    groups = 0
    for i in range(len(position)):
        blocked = any(position[j] > position[i] and times[j] >= times[i] for j in range(len(position)))
        if not blocked:
            groups += 1
    return groups
