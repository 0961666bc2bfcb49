"""Input for merge-sorted-array at its limits: m, n up to 200."""


def generate(rng, size):
    m = rng.randint(0, min(size, 200))
    n = rng.randint(0 if m else 1, max(1, min(size, 200)))
    a = sorted(rng.randint(-10**9, 10**9) for _ in range(m))
    b = sorted(rng.randint(-10**9, 10**9) for _ in range(n))
    return [a + [0] * n, m, b, n]


def slow(nums1, m, nums2, n):
    nums1[:] = sorted(nums1[:m] + nums2)
