"""Stress input for max-stack: `size` calls, never popping an empty stack."""


def generate(rng, size):
    ops, depth = [], 0
    for _ in range(size):
        r = rng.random()
        if depth == 0 or r < 0.45:
            ops.append(["push", rng.randint(-2**31, 2**31 - 1) if rng.random() < 0.5 else rng.randint(0, 50)])
            depth += 1
        elif r < 0.6:
            ops.append(["pop"])
            depth -= 1
        elif r < 0.75:
            ops.append(["pop_max"])
            depth -= 1
        elif r < 0.88:
            ops.append(["top"])
        else:
            ops.append(["peek_max"])
    return {"init": [], "ops": ops}


class Slow:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)

    def pop(self):
        return self.items.pop()

    def top(self):
        return self.items[-1]

    def peek_max(self):
        return max(self.items)

    def pop_max(self):
        m = max(self.items)
        i = len(self.items) - 1 - self.items[::-1].index(m)
        return self.items.pop(i)
