"""Stress input for range-sum-of-bst: a random BST of 2 * 10^4 distinct values in 1..10^5."""


def _bst_level_order(values):
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
    n = max(1, min(size, 2 * 10**4))
    values = rng.sample(range(1, 10**5 + 1), n)
    low = rng.randint(1, 10**5)
    high = rng.randint(low, 10**5)
    return [_bst_level_order(values), low, high]


def slow(root, low, high):
    total, stack = 0, [root]
    while stack:
        node = stack.pop()
        if node is not None:
            if low <= node.val <= high:
                total += node.val
            stack.append(node.left)
            stack.append(node.right)
    return total
