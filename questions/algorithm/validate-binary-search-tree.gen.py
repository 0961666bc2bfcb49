"""Stress input for validate-binary-search-tree: 10^4 nodes, a valid BST or one broken value."""


def generate(rng, size):
    n = max(1, min(size, 10**4))
    values = rng.sample(range(-2**31, 2**31), n)
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
        queue += [left.get(node), right.get(node)]
    while out and out[-1] is None:
        out.pop()
    if n > 1 and rng.random() < 0.5:
        spots = [i for i, v in enumerate(out) if v is not None]
        i = rng.choice(spots)
        out[i] = rng.randint(-2**31, 2**31 - 1)
    return [out]


def slow(root):
    values = []
    stack, node = [], root
    while stack or node:
        while node:
            stack.append(node)
            node = node.left
        node = stack.pop()
        values.append(node.val)
        node = node.right
    return all(a < b for a, b in zip(values, values[1:]))
