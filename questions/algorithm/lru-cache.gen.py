"""Stress input for lru-cache: `size` calls on a cache of capacity up to 3000."""


def generate(rng, size):
    cap = rng.randint(1, 3) if size < 50 else 3000
    keys = max(2, 2 * cap)
    ops = []
    for _ in range(size):
        k = rng.randrange(keys)
        if rng.random() < 0.5:
            ops.append(["put", k, rng.randint(0, 10**9)])
        else:
            ops.append(["get", k])
    return {"init": [cap], "ops": ops}


class Slow:
    """Keys in a plain list, oldest first: every use moves the key to the end."""

    def __init__(self, capacity):
        self.cap = capacity
        self.order = []
        self.values = {}

    def get(self, key):
        if key not in self.values:
            return -1
        self.order.remove(key)
        self.order.append(key)
        return self.values[key]

    def put(self, key, value):
        if key in self.values:
            self.order.remove(key)
        elif len(self.order) == self.cap:
            del self.values[self.order.pop(0)]
        self.order.append(key)
        self.values[key] = value
        return None
