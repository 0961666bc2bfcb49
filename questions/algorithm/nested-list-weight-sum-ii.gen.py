"""Input for nested-list-weight-sum-ii: nesting up to depth 50, up to 50 items per list."""


def _nested(rng, depth, budget):
    items = []
    for _ in range(rng.randint(0, 6)):
        if depth < 50 and budget[0] > 0 and rng.random() < 0.35:
            budget[0] -= 1
            items.append(_nested(rng, depth + 1, budget))
        else:
            items.append(rng.randint(-100, 100))
    return items


def generate(rng, size):
    if size > 20:
        # One chain 50 lists deep plus bushy siblings.
        deep = [rng.randint(-100, 100)]
        for _ in range(48):
            deep = [rng.randint(-100, 100), deep]
        return [[deep] + _nested(rng, 1, [size])]
    return [_nested(rng, 1, [size])]


def slow(nested):
    pairs = []

    def walk(items, depth):
        for x in items:
            if isinstance(x, int):
                pairs.append((x, depth))
            else:
                walk(x, depth + 1)

    walk(nested, 1)
    top = max((d for _, d in pairs), default=0)
    return sum(x * (top - d + 1) for x, d in pairs)
