"""Stress input for merge-k-sorted-lists: 10^4 nodes spread over many short lists."""


def generate(rng, size):
    k = rng.randint(0, 4) if size <= 20 else size
    total = size
    lists = [[] for _ in range(k)]
    for _ in range(total if k else 0):
        lists[rng.randrange(k)].append(rng.randint(-10**4, 10**4))
    return [[sorted(x) for x in lists]]


def slow(lists):
    # Collect every node, sort them by value and relink them.
    nodes = []
    for head in lists:
        while head is not None:
            nodes.append(head)
            head = head.next
    nodes.sort(key=lambda node: node.val)
    for a, b in zip(nodes, nodes[1:]):
        a.next = b
    if nodes:
        nodes[-1].next = None
    return nodes[0] if nodes else None
