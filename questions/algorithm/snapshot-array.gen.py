"""Stress input for snapshot-array: 5 * 10^4 calls on an array of 5 * 10^4 values."""


def generate(rng, size):
    length = max(1, min(size, 5 * 10**4)) if size > 20 else rng.randint(1, 4)
    ops, snaps = [], 0
    for _ in range(max(1, size)):
        r = rng.random()
        if r < 0.4:
            ops.append(["set", rng.randrange(length), rng.randint(0, 10**9)])
        elif r < 0.7 or snaps == 0:
            ops.append(["snap"])
            snaps += 1
        else:
            ops.append(["get", rng.randrange(length), rng.randrange(snaps)])
    return {"init": [length], "ops": ops}


class Slow:
    def __init__(self, length):
        self.values = {}
        self.snaps = []

    def set(self, index, val):
        self.values[index] = val

    def snap(self):
        self.snaps.append(dict(self.values))
        return len(self.snaps) - 1

    def get(self, index, snap_id):
        return self.snaps[snap_id].get(index, 0)
