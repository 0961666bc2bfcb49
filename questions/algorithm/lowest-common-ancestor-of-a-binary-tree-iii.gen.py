"""Stress input for lowest-common-ancestor-of-a-binary-tree-iii: a random binary tree of `size` distinct ids."""


def _random_tree(rng, n):
    # Random shape with moderate depth: attach each new node under a random node that has a free side.
    ids = rng.sample(range(-10**9, 10**9), n)
    children = {ids[0]: [None, None]}
    open_slots = [(ids[0], 0), (ids[0], 1)]
    for v in ids[1:]:
        i = rng.randrange(len(open_slots))
        parent, side = open_slots[i]
        open_slots[i] = open_slots[-1]
        open_slots.pop()
        children[parent][side] = v
        children[v] = [None, None]
        open_slots.append((v, 0))
        open_slots.append((v, 1))
    out, queue, qi = [], [ids[0]], 0
    while qi < len(queue):
        node = queue[qi]
        qi += 1
        if node is None:
            out.append(None)
            continue
        out.append(node)
        queue.extend(children[node])
    while out and out[-1] is None:
        out.pop()
    return out, ids


def generate(rng, size):
    values, ids = _random_tree(rng, max(2, size))
    p, q = rng.sample(ids, 2) if rng.random() < 0.9 else [rng.choice(ids)] * 2
    return [values, [p, q]]


def slow(p, q):
    # Every ancestor of p (itself included), then the first of q's ancestors found among them.
    ups = []
    node = p
    while node is not None:
        ups.append(node)
        node = node.parent
    node = q
    while not any(a is node for a in ups):
        node = node.parent
    return node
