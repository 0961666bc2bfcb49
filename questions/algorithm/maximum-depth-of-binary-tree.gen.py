"""Stress input for maximum-depth-of-binary-tree: 10^4 nodes, completely unbalanced (a chain)."""


def generate(rng, size):
    n = size
    if n == 0:
        return [[]]
    # A zig-zag chain: each node has exactly one child, left or right.
    out = [rng.randint(-100, 100)]
    for _ in range(n - 1):
        if rng.random() < 0.5:
            out += [rng.randint(-100, 100), None]
        else:
            out += [None, rng.randint(-100, 100)]
    while out and out[-1] is None:
        out.pop()
    return [out]


def slow(root):
    best = 0
    stack = [(root, 1)] if root else []
    while stack:
        node, d = stack.pop()
        best = max(best, d)
        for child in (node.left, node.right):
            if child:
                stack.append((child, d + 1))
    return best
