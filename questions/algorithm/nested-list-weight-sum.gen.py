"""Input for nested-list-weight-sum: nesting up to depth 50, up to 50 items per list."""


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
        deep = [rng.randint(-100, 100)]
        for _ in range(48):
            deep = [rng.randint(-100, 100), deep]
        return [[deep] + _nested(rng, 1, [size])]
    return [_nested(rng, 1, [size])]


def slow(nested):
    def walk(items, depth):
        return sum(x * depth if isinstance(x, int) else walk(x, depth + 1) for x in items)

    return walk(nested, 1)
