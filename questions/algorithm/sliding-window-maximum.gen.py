"""Stress input for sliding-window-maximum: 10^5 values and a wide window."""


def generate(rng, size):
    n = max(1, size)
    nums = [rng.randint(-10**4, 10**4) for _ in range(n)]
    if n > 20:
        nums.sort(reverse=True)  # falling values: every window holds its maximum at the front
        for _ in range(n // 100):
            nums[rng.randrange(n)] = rng.randint(-10**4, 10**4)
    return [nums, rng.randint(1, n) if n <= 20 else n // 2]


def slow(nums, k):
    return [max(nums[i:i + k]) for i in range(len(nums) - k + 1)]
