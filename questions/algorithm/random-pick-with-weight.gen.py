"""Stress input for random-pick-with-weight: 10^4 weights and 10^4 index_for calls."""


def generate(rng, size):
    n = max(1, min(size, 10**4))
    w = [rng.randint(0, 10**5) if rng.random() < 0.9 else 0 for _ in range(n)]
    if not any(w):
        w[rng.randrange(n)] = rng.randint(1, 10**5)
    total = sum(w)
    ops = [["index_for", rng.randrange(total)] for _ in range(max(1, size))]
    return {"init": [w], "ops": ops}


class Slow:
    def __init__(self, w):
        self.w = w

    def index_for(self, r):
        for i, x in enumerate(self.w):
            if r < x:
                return i
            r -= x
        raise ValueError("r out of range")

    def pick_index(self):
        import random

        return self.index_for(random.randrange(sum(self.w)))
