def generate(rng, size):
    """A long slow cool-down ending in one hot day: the worst case for a forward scan."""
    n = max(1, size)
    if n < 50:
        return [[rng.randint(30, 40) for _ in range(n)]]
    temps = [100 - (i * 69) // n for i in range(n - 1)] + [100]
    return [temps]


def slow(temperatures):
    out = []
    for i, t in enumerate(temperatures):
        wait = 0
        for j in range(i + 1, len(temperatures)):
            if temperatures[j] > t:
                wait = j - i
                break
        out.append(wait)
    return out
