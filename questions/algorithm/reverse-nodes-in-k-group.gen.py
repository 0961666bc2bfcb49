"""Stress input for reverse-nodes-in-k-group: 5000 nodes."""


def generate(rng, size):
    n = max(1, size)
    return [[rng.randint(0, 1000) for _ in range(n)], rng.randint(1, n if n <= 20 else 50)]


def slow(head, k):
    nodes = []
    while head is not None:
        nodes.append(head)
        head = head.next
    order = []
    for i in range(0, len(nodes), k):
        block = nodes[i:i + k]
        order += block[::-1] if len(block) == k else block
    for a, b in zip(order, order[1:]):
        a.next = b
    if order:
        order[-1].next = None
    return order[0] if order else None
