"""Input for vertical-order-traversal-of-a-binary-tree at its limit: 1000 nodes, values 0..1000."""


def generate(rng, size):
    n = max(1, min(size, 1000))
    vals = [rng.randint(0, 1000 if size > 20 else 3) for _ in range(n)]
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
    return [out]


def slow(root):
    cells = {}
    frontier = [(root, 0)] if root else []
    row = 0
    while frontier:
        nxt = []
        for node, col in frontier:
            cells.setdefault(col, []).append((row, node.val))
            if node.left:
                nxt.append((node.left, col - 1))
            if node.right:
                nxt.append((node.right, col + 1))
        frontier = nxt
        row += 1
    return [[v for _, v in sorted(cells[c])] for c in sorted(cells)]
