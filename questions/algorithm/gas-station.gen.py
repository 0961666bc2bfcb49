def generate(rng, size):
    """Small sizes: random stations, half of them with a start that works. Large sizes: every
    leg breaks even except the last one, so every start drives almost all the way round before
    it fails (the answer is -1) and a start-by-start simulation does quadratic work."""
    n = max(1, size)
    if n < 50:
        gas = [rng.randint(0, 10) for _ in range(n)]
        cost = [rng.randint(0, 10) for _ in range(n)]
        if rng.random() < 0.5 and sum(gas) < sum(cost):
            gas, cost = cost, gas
        return [gas, cost]
    fuel = [rng.randint(0, 10**4 - 1) for _ in range(n)]
    return [fuel, fuel[:-1] + [fuel[-1] + 1]]


def slow(gas, cost):
    n = len(gas)
    for start in range(n):
        tank, ok = 0, True
        for step in range(n):
            i = (start + step) % n
            tank += gas[i] - cost[i]
            if tank < 0:
                ok = False
                break
        if ok:
            return start
    return -1
