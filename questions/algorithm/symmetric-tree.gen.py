"""Input for symmetric-tree at its limit: up to 1000 nodes, mirrored or nearly mirrored."""


def generate(rng, size):
    n = max(1, min(size, 1000))
    # Build one half as nested tuples, mirror it, maybe break one value.
    def half(k):
        if k <= 0:
            return None
        left = rng.randint(0, k - 1)
        return (rng.randint(-100, 100), half(left), half(k - 1 - left))

    def mirror(t):
        return None if t is None else (t[0], mirror(t[2]), mirror(t[1]))

    h = half((n - 1) // 2)
    root = (rng.randint(-100, 100), h, mirror(h))
    out, queue, qi = [], [root], 0
    while qi < len(queue):
        node = queue[qi]
        qi += 1
        if node is None:
            out.append(None)
            continue
        out.append(node[0])
        queue += [node[1], node[2]]
    while out and out[-1] is None:
        out.pop()
    if len(out) > 1 and rng.random() < 0.5:
        i = rng.randrange(1, len(out))
        if out[i] is not None:
            out[i] += 1
    return [out]


def slow(root):
    def shape(t, flip):
        if t is None:
            return None
        a, b = (t.right, t.left) if flip else (t.left, t.right)
        return (t.val, shape(a, flip), shape(b, flip))

    return root is None or shape(root.left, False) == shape(root.right, True)
