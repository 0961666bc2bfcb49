"""Input for merge-two-sorted-lists at its limits: two lists of up to 50 nodes."""


def generate(rng, size):
    a = sorted(rng.randint(-100, 100) for _ in range(rng.randint(0, min(size, 50))))
    b = sorted(rng.randint(-100, 100) for _ in range(rng.randint(0, min(size, 50))))
    return [a, b]


def slow(list1, list2):
    # Collect every node, sort them by value and relink them.
    nodes = []
    for head in (list1, list2):
        while head is not None:
            nodes.append(head)
            head = head.next
    nodes.sort(key=lambda node: node.val)
    for a, b in zip(nodes, nodes[1:]):
        a.next = b
    if nodes:
        nodes[-1].next = None
    return nodes[0] if nodes else None
