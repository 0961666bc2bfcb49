"""Stress input for meeting-rooms-ii: `size` meetings over a day of 10^6 time units."""


def generate(rng, size):
    horizon = 10**6 if size > 20 else 30
    out = []
    for _ in range(size):
        s = rng.randint(0, horizon - 1)
        out.append([s, min(horizon, s + rng.randint(1, max(1, horizon // 50)))])
    return [out]


def slow(intervals):
    best = 0
    for s, _ in intervals:
        best = max(best, sum(1 for a, b in intervals if a <= s < b))
    return best
