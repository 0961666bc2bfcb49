def generate(rng, size):
    """k around a tenth of the values; `size` add calls after a few initial values."""
    k = max(1, size // 10)
    start = [rng.randint(-10**4, 10**4) for _ in range(max(0, k - 1))]
    ops = [["add", rng.randint(-10**4, 10**4)] for _ in range(max(1, size))]
    return {"init": [k, start], "ops": ops}


class Slow:
    """Keeps every value and sorts on each add."""

    def __init__(self, k, nums):
        self.k = k
        self.values = list(nums)

    def add(self, val):
        self.values.append(val)
        return sorted(self.values, reverse=True)[self.k - 1]
