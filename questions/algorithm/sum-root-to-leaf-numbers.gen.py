"""Input for sum-root-to-leaf-numbers: up to 1000 digit nodes, depth at most 10."""


def generate(rng, size):
    n = max(1, min(size, 1000))
    vals = [rng.randint(0, 9) for _ in range(n)]
    depth = {0: 1}
    children = {0: [None, None]}
    slots = [(0, 0), (0, 1)]
    for v in range(1, n):
        slots = [(p, s) for p, s in slots if depth[p] < 10]
        if not slots:
            break
        i = rng.randrange(len(slots))
        parent, side = slots.pop(i)
        children[parent][side] = v
        children[v] = [None, None]
        depth[v] = depth[parent] + 1
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
    def paths(node, prefix):
        text = prefix + str(node.val)
        if node.left is None and node.right is None:
            return [int(text)]
        return [p for child in (node.left, node.right) if child for p in paths(child, text)]

    return sum(paths(root, ""))
