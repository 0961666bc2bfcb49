"""Input for median-of-two-sorted-arrays: two sorted arrays of up to `size` values each."""


def generate(rng, size):
    m = rng.randint(0, size)
    n = rng.randint(0 if m else 1, max(1, size))
    a = sorted(rng.randint(-10**6, 10**6) for _ in range(m))
    b = sorted(rng.randint(-10**6, 10**6) for _ in range(n))
    return [a, b]


def slow(nums1, nums2):
    # The harness hands over read-counting sequences; the oracle reads their plain values.
    merged = sorted(list(nums1._values) + list(nums2._values))
    k = len(merged)
    if k % 2:
        return float(merged[k // 2])
    return (merged[k // 2 - 1] + merged[k // 2]) / 2.0
