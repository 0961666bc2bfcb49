"""Stress input for top-k-frequent-elements: about `size` values with a unique top k."""


def generate(rng, size):
    big = size > 20
    distinct = 2000 if big else rng.randint(1, 5)
    values = rng.sample(range(-10**4, 10**4 + 1), distinct)
    k = rng.randint(1, min(distinct, 50))
    low = 80 if big else 2
    # Every leader occurs more often than every other value: no tie straddles the k-th place.
    counts = [rng.randint(low + 1, 2 * low + 10) for _ in range(k)] + [rng.randint(1, low) for _ in range(distinct - k)]
    nums = [v for v, c in zip(values, counts) for _ in range(c)]
    rng.shuffle(nums)
    return [nums, k]


def slow(nums, k):
    from collections import Counter

    counts = Counter(nums)
    return [v for v, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:k]]
