def generate(rng, size):
    """Mostly decreasing heights (many views) with random bumps and repeats."""
    top = 10**9
    out = []
    for _ in range(size):
        out.append(rng.randint(1, top) if rng.random() < 0.1 else max(1, top - rng.randint(0, 3)))
        top = max(1, out[-1] - rng.randint(0, 2))
    return [out]


def slow(heights):
    return [i for i in range(len(heights)) if all(h < heights[i] for h in heights[i + 1:])]
