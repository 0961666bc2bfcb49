"""Input for next-permutation at its limits: up to 100 values in [0, 100], repeats allowed."""


def generate(rng, size):
    n = max(1, min(size, 100))
    return [[rng.randint(0, 100 if size > 20 else 3) for _ in range(n)]]


def slow(nums):
    # The rightmost position that can grow takes the smallest larger value found after it;
    # everything after it is then as small as possible (ascending). No such position: wrap around.
    for i in range(len(nums) - 2, -1, -1):
        later = nums[i + 1:]
        larger = [x for x in later if x > nums[i]]
        if larger:
            pick = min(larger)
            rest = [nums[i]] + later
            rest.remove(pick)
            nums[i:] = [pick] + sorted(rest)
            return None
    nums.sort()
    return None
