def generate(rng, size):
    """Random stations; half of the time the totals are nudged so that a start exists."""
    n = max(1, size)
    gas = [rng.randint(0, 10**4) for _ in range(n)]
    cost = [rng.randint(0, 10**4) for _ in range(n)]
    if rng.random() < 0.5 and sum(gas) < sum(cost):
        gas, cost = cost, gas
    return [gas, cost]


def slow(gas, cost):
    n = len(gas)
    found = -1
    for start in range(n):
        tank, ok = 0, True
        for step in range(n):
            i = (start + step) % n
            tank += gas[i] - cost[i]
            if tank < 0:
                ok = False
                break
        if ok:
            found = start
            break
    return found
