"""Input for missing-ranges at its limits: up to 100 distinct values in a wide range."""


def generate(rng, size):
    lo = rng.randint(-10**9, 10**9)
    hi = min(10**9, lo + rng.randint(0, 10**9 if size > 20 else 30))
    count = min(size, 100, hi - lo + 1)
    nums = sorted(rng.sample(range(lo, hi + 1), count)) if hi - lo < 10**6 else sorted({rng.randint(lo, hi) for _ in range(count)})
    return [nums, lo, hi]


def slow(nums, lower, upper):
    out = []
    points = [lower - 1] + list(nums) + [upper + 1]
    for a, b in zip(points, points[1:]):
        if b - a > 1:
            out.append([a + 1, b - 1])
    return out
