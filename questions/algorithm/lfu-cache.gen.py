"""Stress input for lfu-cache: `size` calls on a cache of capacity up to 10^4."""


def generate(rng, size):
    cap = rng.randint(0, 3) if size < 50 else 10**4
    keys = max(2, min(3 * cap, size) if cap else 5)
    ops = []
    for _ in range(size):
        k = rng.randrange(keys)
        if rng.random() < 0.5:
            ops.append(["put", k, rng.randint(0, 10**9)])
        else:
            ops.append(["get", k])
    return {"init": [cap], "ops": ops}


class Slow:
    """Every eviction scans all keys for the smallest (use count, last use)."""

    def __init__(self, capacity):
        self.cap = capacity
        self.data = {}  # key -> [value, count, last_use]
        self.clock = 0

    def get(self, key):
        self.clock += 1
        if key not in self.data:
            return -1
        entry = self.data[key]
        entry[1] += 1
        entry[2] = self.clock
        return entry[0]

    def put(self, key, value):
        self.clock += 1
        if self.cap <= 0:
            return None
        if key in self.data:
            entry = self.data[key]
            entry[0] = value
            entry[1] += 1
            entry[2] = self.clock
            return None
        if len(self.data) >= self.cap:
            victim = min(self.data, key=lambda k: (self.data[k][1], self.data[k][2]))
            del self.data[victim]
        self.data[key] = [value, 1, self.clock]
        return None
