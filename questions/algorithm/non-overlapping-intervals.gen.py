"""Stress input for non-overlapping-intervals: 10^5 intervals in [-5*10^4, 5*10^4]."""


def generate(rng, size):
    n = max(1, size)
    lim = 5 * 10**4 if size > 20 else 10
    out = []
    for _ in range(n):
        s = rng.randint(-lim, lim - 1)
        out.append([s, min(lim, s + rng.randint(1, 20 if size > 20 else 4))])
    return [out]


def slow(intervals):
    # Keep the most intervals: DP over intervals sorted by end.
    items = sorted(intervals, key=lambda iv: iv[1])
    keep = [1] * len(items)
    for i in range(len(items)):
        for j in range(i):
            if items[j][1] <= items[i][0]:
                keep[i] = max(keep[i], keep[j] + 1)
    return len(items) - max(keep)
