def generate(rng, size):
    """Sorted disjoint intervals (some touching gaps of 1) and one new interval anywhere."""
    out, at = [], rng.randint(0, 3)
    for _ in range(max(0, size)):
        start = at + rng.randint(1, 3)
        end = start + rng.randint(0, 3)
        out.append([start, end])
        at = end
    top = at + 4
    a = rng.randint(0, top)
    b = rng.randint(a, min(top, a + rng.randint(0, 8)))
    return [out, [a, b]]


def slow(intervals, new_interval):
    """Add it, sort, then merge anything that overlaps or touches."""
    merged = []
    for s, e in sorted(intervals + [new_interval]):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return merged
