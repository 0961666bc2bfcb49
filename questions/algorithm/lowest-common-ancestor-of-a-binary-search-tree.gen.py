"""Stress input for lowest-common-ancestor-of-a-binary-search-tree: a random BST of `size` nodes."""


def _bst_level_order(values):
    left, right = {}, {}
    root = values[0]
    for v in values[1:]:
        cur = root
        while True:
            side = left if v < cur else right
            if cur in side:
                cur = side[cur]
            else:
                side[cur] = v
                break
    out, queue, qi = [], [root], 0
    while qi < len(queue):
        node = queue[qi]
        qi += 1
        if node is None:
            out.append(None)
            continue
        out.append(node)
        queue.append(left.get(node))
        queue.append(right.get(node))
    while out and out[-1] is None:
        out.pop()
    return out


def generate(rng, size):
    n = max(2, size)
    values = rng.sample(range(-10**9, 10**9), n)
    return [_bst_level_order(values), rng.choice(values), rng.choice(values)]


def slow(root, p, q):
    def path(target):
        node, out = root, []
        while node is not None:
            out.append(node.val)
            node = node.left if target < node.val else node.right if target > node.val else None
        return out

    common = None
    for a, b in zip(path(p), path(q)):
        if a != b:
            break
        common = a
    return common
