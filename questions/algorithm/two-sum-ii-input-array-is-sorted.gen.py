"""Stress input for two-sum-ii-input-array-is-sorted: 3 * 10^4 sorted values, one answer pair."""


def generate(rng, size):
    n = max(2, size)
    while True:
        nums = sorted(rng.randint(-1000, 1000) for _ in range(n))
        i, j = sorted(rng.sample(range(n), 2))
        target = nums[i] + nums[j]
        if -1000 <= target <= 1000 and _pairs(nums, target) == 1:
            return [nums, target]
        if n > 20:
            # Large inputs: the only pair is the two largest values (450 + 451); any other two
            # add up to at most 880, so a pair-by-pair scan reaches it last.
            nums = sorted(rng.randint(-1000, 440) for _ in range(n - 2))
            return [nums + [450, 451], 901]


def _pairs(nums, target):
    from collections import Counter

    seen, count = Counter(), 0
    for x in nums:
        count += seen[target - x]
        seen[x] += 1
    return count


def slow(numbers, target):
    for i in range(len(numbers)):
        for j in range(i + 1, len(numbers)):
            if numbers[i] + numbers[j] == target:
                return [i + 1, j + 1]
    return []
