"""Stress input for reorder-list: 5 * 10^4 nodes."""


def generate(rng, size):
    return [[rng.randint(-1000, 1000) for _ in range(size)]]


def slow(head):
    nodes = []
    while head is not None:
        nodes.append(head)
        head = head.next
    order = []
    i, j = 0, len(nodes) - 1
    while i <= j:
        order.append(nodes[i])
        if i != j:
            order.append(nodes[j])
        i += 1
        j -= 1
    for a, b in zip(order, order[1:]):
        a.next = b
    if order:
        order[-1].next = None
    return None
