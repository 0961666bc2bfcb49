"""Stress input for last-stone-weight: up to 30 stones of weight 1..1000."""


def generate(rng, size):
    n = max(1, min(size, 30))
    return [[rng.randint(1, 1000) for _ in range(n)]]


def slow(stones):
    stones = list(stones)
    while len(stones) > 1:
        stones.sort()
        y, x = stones.pop(), stones.pop()
        if y != x:
            stones.append(y - x)
    return stones[0] if stones else 0
