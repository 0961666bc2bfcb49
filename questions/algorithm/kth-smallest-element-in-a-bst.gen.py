"""Stress input for kth-smallest-element-in-a-bst: a random BST of `size` distinct values."""


def _bst_level_order(values):
    # Insert in the given order, then write the tree out in LeetCode level order.
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
    n = max(1, size)
    values = rng.sample(range(0, max(n, 10**4) + 1), n)
    return [_bst_level_order(values), rng.randint(1, n)]


def slow(root, k):
    values = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node is not None:
            values.append(node.val)
            stack.append(node.left)
            stack.append(node.right)
    return sorted(values)[k - 1]
