"""Stress input for the-skyline-problem: 10^4 buildings sorted by left edge."""


def generate(rng, size):
    n = max(1, size)
    span = 10**6 if size > 20 else 12
    out = []
    for _ in range(n):
        left = rng.randint(0, span - 1)
        out.append([left, min(2**31 - 1, left + rng.randint(1, span // 20 + 1)), rng.randint(1, 10**6 if size > 20 else 5)])
    out.sort()
    return [out]


def slow(buildings):
    xs = sorted({b[0] for b in buildings} | {b[1] for b in buildings})
    out, prev = [], 0
    for x in xs:
        h = max([b[2] for b in buildings if b[0] <= x < b[1]] or [0])
        if h != prev:
            out.append([x, h])
            prev = h
    return out
