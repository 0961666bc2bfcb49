def generate(rng, size):
    n = max(1, size)
    return [[rng.randint(-10**4, 10**4) for _ in range(n)], rng.randint(1, n)]


def slow(nums, k):
    return sorted(nums, reverse=True)[k - 1]
