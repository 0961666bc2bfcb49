"""Stress input for partition-equal-subset-sum: 200 values in [1, 100] with an even total."""


def generate(rng, size):
    n = max(1, min(size, 200))
    if size > 20:
        # Every value even and the total = 2 (mod 4): half the total is odd, so no subset reaches
        # it, and a search over subsets has to try them all.
        nums = [rng.randrange(2, 101, 2) for _ in range(n)]
        if sum(nums) % 4 == 0:
            nums[0] = nums[0] + 2 if nums[0] <= 98 else nums[0] - 2
        rng.shuffle(nums)
        return [nums]
    return [[rng.randint(1, 10) for _ in range(n)]]


def slow(nums):
    sums = {0}
    for x in nums:
        sums |= {s + x for s in sums}
    total = sum(nums)
    return total % 2 == 0 and total // 2 in sums
