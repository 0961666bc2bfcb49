"""Input for same-tree at its limit: two trees of up to 100 nodes, often equal."""


def _tree(rng, n):
    if n == 0:
        return []
    vals = [rng.randint(-3, 3) for _ in range(n)]
    children = {0: [None, None]}
    slots = [(0, 0), (0, 1)]
    for v in range(1, n):
        i = rng.randrange(len(slots))
        parent, side = slots[i]
        slots[i] = slots[-1]
        slots.pop()
        children[parent][side] = v
        children[v] = [None, None]
        slots += [(v, 0), (v, 1)]
    out, queue, qi = [], [0], 0
    while qi < len(queue):
        node = queue[qi]
        qi += 1
        if node is None:
            out.append(None)
            continue
        out.append(vals[node])
        queue.extend(children[node])
    while out and out[-1] is None:
        out.pop()
    return out


def generate(rng, size):
    n = min(size, 100)
    a = _tree(rng, n)
    if rng.random() < 0.5:
        return [a, list(a)]
    b = list(a)
    if b and rng.random() < 0.5:
        i = rng.randrange(len(b))
        if b[i] is not None:
            b[i] += 1
    else:
        b = _tree(rng, n)
    return [a, b]


def slow(p, q):
    def shape(t):
        return None if t is None else (t.val, shape(t.left), shape(t.right))

    return shape(p) == shape(q)
