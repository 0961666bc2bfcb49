"""Input for min-cost-climbing-stairs at its limit: up to 1000 stairs."""


def generate(rng, size):
    n = max(2, min(size, 1000))
    return [[rng.randint(0, 999) for _ in range(n)]]


def slow(cost):
    from functools import lru_cache

    @lru_cache(maxsize=None)
    def pay_from(i):
        if i >= len(cost):
            return 0
        return cost[i] + min(pay_from(i + 1), pay_from(i + 2))

    return min(pay_from(0), pay_from(1))
