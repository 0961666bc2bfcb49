"""Stress input for target-sum: 20 numbers (some zeros) with a reachable target."""


def generate(rng, size):
    n = max(1, min(size, 20))
    nums = [0 if rng.random() < 0.1 else rng.randint(1, 50) for _ in range(n)]
    signs = [rng.choice([-1, 1]) for _ in range(n)]
    target = sum(s * x for s, x in zip(signs, nums)) if rng.random() < 0.8 else rng.randint(-1000, 1000)
    return [nums, target]


def slow(nums, target):
    count = 0
    for mask in range(1 << len(nums)):
        total = sum(x if mask >> i & 1 else -x for i, x in enumerate(nums))
        count += total == target
    return count
