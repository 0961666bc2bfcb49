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
    best-branch-per-node brute force walks the spine again from every node. Values -1000..1000."""
    n = max(1, size)
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
    order = _level_order(nodes, 1)
    return [[None if v is None else rng.randint(-1000, 1000) for v in order]]


def slow(root):
    """For every node as the top of the path, find the best downward branch on each side from
    scratch."""
    sys.setrecursionlimit(100000)

    def down(node):
        if node is None:
            return 0
        return max(0, node.val + max(down(node.left), down(node.right)))

    best, stack = float("-inf"), [root]
    while stack:
        node = stack.pop()
        best = max(best, node.val + down(node.left) + down(node.right))
        stack.extend(c for c in (node.left, node.right) if c)
    return best
