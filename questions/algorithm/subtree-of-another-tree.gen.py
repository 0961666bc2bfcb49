"""Stress input for subtree-of-another-tree: a 2000-node tree and a 1000-node candidate."""


def _shape(rng, n, lo, hi):
    vals = [rng.randint(lo, hi) for _ in range(n)]
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
    return vals, children


def _level(vals, children, root=0):
    out, queue, qi = [], [root], 0
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
    return out


def generate(rng, size):
    n = max(1, min(size, 2000))
    vals, children = _shape(rng, n, 0, 2)
    # a real subtree of the big tree (at most 1000 nodes), sometimes with one value changed
    size_of = {}
    for v in range(n - 1, -1, -1):  # children always have larger numbers than their parent
        size_of[v] = 1 + sum(size_of[c] for c in children[v] if c is not None)
    root = rng.choice([v for v in range(n) if size_of[v] <= 1000])
    sub = _level(vals, children, root)
    if rng.random() < 0.4:
        i = rng.randrange(len(sub))
        if sub[i] is not None:
            sub[i] += 1
    return [_level(vals, children), sub]


def slow(root, sub):
    def shape(t):
        return None if t is None else (t.val, shape(t.left), shape(t.right))

    target = shape(sub)
    stack = [root]
    while stack:
        node = stack.pop()
        if node is not None:
            if shape(node) == target:
                return True
            stack.append(node.left)
            stack.append(node.right)
    return False
