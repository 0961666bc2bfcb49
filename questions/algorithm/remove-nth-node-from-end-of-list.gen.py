"""Input for remove-nth-node-from-end-of-list at its limit: 30 nodes."""


def generate(rng, size):
    n = max(1, min(size, 30))
    return [[rng.randint(-100, 100) for _ in range(n)], rng.randint(1, n)]


def slow(head, n):
    values = []
    while head is not None:
        values.append(head.val)
        head = head.next
    del values[len(values) - n]
    return build_list(values)
