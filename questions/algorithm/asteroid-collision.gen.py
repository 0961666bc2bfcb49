def generate(rng, size):
    """Small sizes: random masses and headings. Large sizes: heavy right-movers followed by a
    long run of light left-movers, so every collision happens deep in the row."""
    if size < 50:
        return [[rng.randint(1, 9) * rng.choice((-1, 1)) for _ in range(size)]]
    half = size // 2
    return [[rng.randint(500, 1000) for _ in range(half)] + [-rng.randint(1, 499) for _ in range(size - half)]]


def slow(asteroids):
    """Resolve the first colliding neighbour pair, then start over from the left."""
    row = list(asteroids)
    changed = True
    while changed:
        changed = False
        for i in range(len(row) - 1):
            a, b = row[i], row[i + 1]
            if a > 0 > b:
                if a > -b:
                    del row[i + 1]
                elif a < -b:
                    del row[i]
                else:
                    del row[i:i + 2]
                changed = True
                break
    return row
