def generate(rng, size):
    """Distinct squared distances, so the answer is unique as the prompt promises."""
    n = max(1, size)
    seen, points = set(), []
    while len(points) < n:
        x, y = rng.randint(-10**4, 10**4), rng.randint(-10**4, 10**4)
        d = x * x + y * y
        if d not in seen:
            seen.add(d)
            points.append([x, y])
    return [points, rng.randint(1, n)]


def slow(points, k):
    return sorted(points, key=lambda p: p[0] * p[0] + p[1] * p[1])[:k]
