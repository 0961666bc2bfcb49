"""Stress input for product-of-array-except-self: 10^5 values whose prefix/suffix products fit 32 bits."""


def generate(rng, size):
    n = max(2, size)
    nums, big = [], 0
    for _ in range(n):
        r = rng.random()
        if r < 0.0005:
            nums.append(0)
        elif r < 0.01 and big < 30:
            nums.append(rng.choice([-2, 2]))
            big += 1
        else:
            nums.append(rng.choice([-1, 1]))
    if n <= 20:
        nums = [rng.randint(-30, 30) for _ in range(n)]
    return [nums]


def slow(nums):
    out = []
    for i in range(len(nums)):
        p = 1
        for j, x in enumerate(nums):
            if j != i:
                p *= x
        out.append(p)
    return out
