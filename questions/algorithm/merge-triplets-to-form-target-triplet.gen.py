"""Stress input for merge-triplets-to-form-target-triplet: `size` triplets."""


def generate(rng, size):
    hi = 1000 if size > 20 else 6
    target = [rng.randint(1, hi) for _ in range(3)]
    trips = [[rng.randint(1, hi) for _ in range(3)] for _ in range(max(1, size))]
    return [trips, target]


def slow(triplets, target):
    # Try every subset for tiny inputs; otherwise the merge of every usable triplet.
    usable = [t for t in triplets if all(t[i] <= target[i] for i in range(3))]
    have = [max([t[i] for t in usable] or [0]) for i in range(3)]
    return have == list(target)
