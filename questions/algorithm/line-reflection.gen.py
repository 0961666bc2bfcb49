"""Stress input for line-reflection: `size` points, mostly mirrored around one vertical line."""


def generate(rng, size):
    n = max(1, size)
    c2 = rng.randint(-10**8, 10**8)  # twice the line's x
    pts = []
    while len(pts) < n:
        x = rng.randint(-10**8, 10**8)
        m = c2 - x
        y = rng.randint(-10**8, 10**8)
        if -10**8 <= m <= 10**8:
            pts.append([x, y])
            if len(pts) < n:
                pts.append([m, y])
    if n > 2 and rng.random() < 0.5:
        pts[rng.randrange(n)][1] += 1  # usually breaks the symmetry
    rng.shuffle(pts)
    return [pts]


def slow(points):
    xs = [x for x, _ in points]
    c2 = min(xs) + max(xs)
    return all(any(c2 - x == x2 and y == y2 for x2, y2 in points) for x, y in points)
