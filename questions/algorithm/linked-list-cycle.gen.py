"""Stress input for linked-list-cycle: `size` nodes, a loop back to a random node or none."""


def generate(rng, size):
    values = [rng.randint(-10**5, 10**5) for _ in range(size)]
    pos = rng.randrange(size) if size and rng.random() < 0.5 else -1
    return [[values, pos]]


def slow(head):
    seen = set()
    while head is not None:
        if id(head) in seen:
            return True
        seen.add(id(head))
        head = head.next
    return False
