"""Stress input for maximum-product-subarray: `size` values whose prefix/suffix products fit 32 bits."""


def generate(rng, size):
    n = max(1, size)
    nums, big = [], 0
    for _ in range(n):
        r = rng.random()
        if r < 0.02:
            nums.append(0)
        elif r < 0.04 and big < 28:
            nums.append(rng.choice([-2, 2]))
            big += 1
        else:
            nums.append(rng.choice([-1, 1]))
    return [nums]


def slow(nums):
    best = nums[0]
    for i in range(len(nums)):
        p = 1
        for j in range(i, len(nums)):
            p *= nums[j]
            best = max(best, p)
    return best
