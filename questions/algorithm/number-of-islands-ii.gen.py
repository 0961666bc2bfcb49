"""Stress input for number-of-islands-ii: a 100 x 100 map and 10^4 additions (some repeated)."""


def generate(rng, size):
    if size > 20:
        m = n = 100
        k = size
    else:
        m, n, k = rng.randint(1, 4), rng.randint(1, 4), size
    positions = [[rng.randrange(m), rng.randrange(n)] for _ in range(k)]
    return [m, n, positions]


def slow(m, n, positions):
    land = set()
    out = []
    for r, c in positions:
        land.add((r, c))
        seen, count = set(), 0
        for cell in land:
            if cell not in seen:
                count += 1
                stack = [cell]
                seen.add(cell)
                while stack:
                    x, y = stack.pop()
                    for nb in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                        if nb in land and nb not in seen:
                            seen.add(nb)
                            stack.append(nb)
        out.append(count)
    return out
