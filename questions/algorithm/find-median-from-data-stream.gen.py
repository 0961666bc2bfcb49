def generate(rng, size):
    """`size` numbers, each followed by a median query."""
    ops = []
    for _ in range(max(1, size)):
        ops.append(["add_num", rng.randint(-10**5, 10**5)])
        ops.append(["find_median"])
    return {"init": [], "ops": ops}


class Slow:
    """Sorts everything seen so far on every query."""

    def __init__(self):
        self.values = []

    def add_num(self, num):
        self.values.append(num)

    def find_median(self):
        s = sorted(self.values)
        m = len(s) // 2
        return float(s[m]) if len(s) % 2 else (s[m - 1] + s[m]) / 2
