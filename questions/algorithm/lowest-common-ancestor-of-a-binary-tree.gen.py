"""Stress input for lowest-common-ancestor-of-a-binary-tree: a random binary tree of `size` distinct ids."""


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
    p, q = rng.sample(ids, 2)
    return [values, p, q]


def slow(root, p, q):
    def path(node, target):
        if node is None:
            return None
        if node.val == target:
            return [node.val]
        for child in (node.left, node.right):
            sub = path(child, target)
            if sub is not None:
                return [node.val] + sub
        return None

    a, b = path(root, p), path(root, q)
    common = None
    for x, y in zip(a, b):
        if x != y:
            break
        common = x
    return common
