"""Input for n-queens at its limit: n up to 9."""


def generate(rng, size):
    return [max(1, min(size, 9))]


def slow(n):
    from itertools import permutations

    out = []
    for cols in permutations(range(n)):
        if len({r + c for r, c in enumerate(cols)}) == n and len({r - c for r, c in enumerate(cols)}) == n:
            out.append(["." * c + "Q" + "." * (n - c - 1) for c in cols])
    return out
