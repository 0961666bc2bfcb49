"""Stress input for meeting-rooms: `size` disjoint meetings (small inputs sometimes get one clash)."""


def generate(rng, size):
    cuts = sorted(rng.sample(range(0, 10**6 + 1), 2 * size)) if size else []
    out = [[cuts[2 * i], cuts[2 * i + 1]] for i in range(size)]
    if 1 < size <= 20 and rng.random() < 0.5:
        i = rng.randrange(size - 1)
        out[i][1] = out[i + 1][0] + 1  # one clash somewhere
    rng.shuffle(out)
    return [out]


def slow(intervals):
    for i in range(len(intervals)):
        for j in range(i + 1, len(intervals)):
            a, b = intervals[i], intervals[j]
            if a[0] < b[1] and b[0] < a[1]:
                return False
    return True
