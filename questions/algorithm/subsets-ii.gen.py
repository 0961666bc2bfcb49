"""Input for subsets-ii at its limit: 10 values with repeats."""


def generate(rng, size):
    n = max(1, min(size, 10))
    return [[rng.randint(-2, 2) for _ in range(n)]]


def slow(nums):
    seen = set()
    for mask in range(1 << len(nums)):
        seen.add(tuple(sorted(nums[i] for i in range(len(nums)) if mask >> i & 1)))
    return [list(t) for t in seen]
