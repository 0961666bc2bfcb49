"""Stress input for merge-intervals: `size` closed intervals in [0, 10^4]."""


def generate(rng, size):
    n = max(1, size)
    out = []
    for _ in range(n):
        s = rng.randint(0, 10**4)
        out.append([s, min(10**4, s + rng.randint(0, 3))])
    return [out]


def slow(intervals):
    # Keep merging any two overlapping (or touching) intervals until none are left.
    items = [list(iv) for iv in intervals]
    merged = True
    while merged:
        merged = False
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                a, b = items[i], items[j]
                if a[0] <= b[1] and b[0] <= a[1]:
                    items[i] = [min(a[0], b[0]), max(a[1], b[1])]
                    items.pop(j)
                    merged = True
                    break
            if merged:
                break
    return sorted(items)
