"""Stress input for time-based-key-value-store: 2 * 10^5 calls, long histories per key."""


def generate(rng, size):
    keys = ["k%d" % i for i in range(3 if size > 20 else 2)]
    ops, t = [], 0
    for _ in range(max(1, size)):
        if rng.random() < 0.5:
            t += rng.randint(1, 20)
            ops.append(["set", rng.choice(keys), "v%d" % rng.randint(0, 99), t])
        else:
            ops.append(["get", rng.choice(keys + ["none"]), rng.randint(1, t + 10)])
    return {"init": [], "ops": ops}


class Slow:
    def __init__(self):
        self.history = []

    def set(self, key, value, timestamp):
        self.history.append((key, timestamp, value))

    def get(self, key, timestamp):
        best = None
        for k, t, v in self.history:
            if k == key and t <= timestamp and (best is None or t >= best[0]):
                best = (t, v)
        return best[1] if best else ""
