def generate(rng, size):
    n = max(1, size)
    nums = sorted(rng.sample(range(-5000, 5001), n))
    cut = rng.randrange(n)
    return [nums[cut:] + nums[:cut]]


def slow(nums):
    return min(nums)
