"""Input for max-area-of-island at its limit: a 50 x 50 map."""


def generate(rng, size):
    n = max(1, min(size, 50))
    p = rng.random()
    return [[[1 if rng.random() < p else 0 for _ in range(n)] for _ in range(n)]]


def slow(grid):
    rows, cols = len(grid), len(grid[0])
    label = {}
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 1:
                label[(r, c)] = (r, c)

    def root(x):
        while label[x] != x:
            x = label[x]
        return x

    for (r, c) in list(label):
        for nb in ((r + 1, c), (r, c + 1)):
            if nb in label:
                a, b = root((r, c)), root(nb)
                if a != b:
                    label[a] = b
    sizes = {}
    for cell in label:
        k = root(cell)
        sizes[k] = sizes.get(k, 0) + 1
    return max(sizes.values(), default=0)
