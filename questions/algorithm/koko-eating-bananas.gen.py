def generate(rng, size):
    n = max(1, size)
    top = 10**9 if n > 50 else 30
    piles = [rng.randint(1, top) for _ in range(n)]
    return [piles, rng.randint(n, n * 3)]


def slow(piles, h):
    """Try every speed from 1 upwards."""
    k = 1
    while sum((p + k - 1) // k for p in piles) > h:
        k += 1
    return k
