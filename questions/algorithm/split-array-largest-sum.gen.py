"""Stress input for split-array-largest-sum: 1000 values up to 10^6 and up to 50 pieces."""


def generate(rng, size):
    n = max(1, min(size, 1000))
    nums = [rng.randint(0, 10**6 if size > 20 else 9) for _ in range(n)]
    return [nums, rng.randint(1, min(50, n))]


def slow(nums, k):
    from functools import lru_cache

    prefix = [0]
    for x in nums:
        prefix.append(prefix[-1] + x)

    @lru_cache(maxsize=None)
    def best(i, parts):
        # smallest possible largest piece for nums[i:] cut into `parts` pieces
        if parts == 1:
            return prefix[-1] - prefix[i]
        return min(max(prefix[j] - prefix[i], best(j, parts - 1)) for j in range(i + 1, len(nums) - parts + 2))

    return best(0, k)
