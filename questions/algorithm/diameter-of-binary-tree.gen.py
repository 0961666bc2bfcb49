import sys


def _level_order(nodes, root):
    """nodes: {id: [left_id, right_id]} -> LeetCode level-order list of ids (1-based values)."""
    if root is None:
        return []
    out, queue, i = [], [root], 0
    while i < len(queue):
        cur = queue[i]
        i += 1
        if cur is None:
            out.append(None)
            continue
        out.append(cur)
        queue.extend(nodes[cur])
    while out and out[-1] is None:
        out.pop()
    return out


def generate(rng, size):
    """Small sizes: random shapes. Large sizes: a long left spine with short right twigs, so a
    height-per-node brute force walks the spine again from every node."""
    n = max(0, size)
    nodes = {v: [None, None] for v in range(1, n + 1)}
    for v in range(2, n + 1):
        if n >= 50:
            parent, side = (v - 1, 0) if v % 10 else (v - 1, 1)
            if nodes[parent][side] is not None:
                parent, side = v - 2 if v > 2 else 1, 1
        else:
            while True:
                parent, side = rng.randint(1, v - 1), rng.randint(0, 1)
                if nodes[parent][side] is None:
                    break
        if nodes[parent][side] is None:
            nodes[parent][side] = v
        else:
            free = next((p, s) for p in range(1, v) for s in (0, 1) if nodes[p][s] is None)
            nodes[free[0]][free[1]] = v
    return [_level_order(nodes, 1 if n else None)]


def slow(root):
    """For every node, measure both subtree heights from scratch."""
    sys.setrecursionlimit(100000)

    def height(node):
        return 0 if node is None else 1 + max(height(node.left), height(node.right))

    best, stack = 0, [root] if root else []
    while stack:
        node = stack.pop()
        best = max(best, height(node.left) + height(node.right))
        stack.extend(c for c in (node.left, node.right) if c)
    return best
