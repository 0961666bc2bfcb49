"""Stress input for serialize-and-deserialize-binary-tree: a random tree of `size` nodes."""


def generate(rng, size):
    if size == 0:
        return [[]]
    # Random shape: each new node hangs under a random node that still has a free side.
    vals = [rng.randint(-10**4, 10**4) for _ in range(size)]
    children = {0: [None, None]}
    open_slots = [(0, 0), (0, 1)]
    for v in range(1, size):
        i = rng.randrange(len(open_slots))
        parent, side = open_slots[i]
        open_slots[i] = open_slots[-1]
        open_slots.pop()
        children[parent][side] = v
        children[v] = [None, None]
        open_slots += [(v, 0), (v, 1)]
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
    return [out]


def slow(root):
    # serialize as nested tuples in text: (val, left, right) with None for gaps.
    def enc(node):
        return None if node is None else (node.val, enc(node.left), enc(node.right))

    return repr(enc(root))


def deserialize(data):
    import ast

    def dec(t):
        if t is None:
            return None
        node = TreeNode(t[0])
        node.left = dec(t[1])
        node.right = dec(t[2])
        return node

    return dec(ast.literal_eval(data))
