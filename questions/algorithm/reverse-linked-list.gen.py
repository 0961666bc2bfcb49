"""Stress input for reverse-linked-list: 5000 nodes."""


def generate(rng, size):
    return [[rng.randint(-5000, 5000) for _ in range(size)]]


def slow(head):
    values = []
    while head is not None:
        values.append(head.val)
        head = head.next
    return build_list(values[::-1])
