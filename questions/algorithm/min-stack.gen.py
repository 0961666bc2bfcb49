"""Stress input for min-stack: 3 * 10^4 calls on a deep stack."""


def generate(rng, size):
    ops, depth = [], 0
    for i in range(size):
        r = rng.random()
        # A deep stack first, then mostly reads of the minimum.
        if depth == 0 or (i < size * 0.6 and r < 0.85) or r < 0.05:
            ops.append(["push", rng.randint(-2**31, 2**31 - 1)])
            depth += 1
        elif r < 0.15:
            ops.append(["pop"])
            depth -= 1
        elif r < 0.25:
            ops.append(["top"])
        else:
            ops.append(["get_min"])
    return {"init": [], "ops": ops}


class Slow:
    def __init__(self):
        self.items = []

    def push(self, val):
        self.items.append(val)

    def pop(self):
        self.items.pop()

    def top(self):
        return self.items[-1]

    def get_min(self):
        return min(self.items)
