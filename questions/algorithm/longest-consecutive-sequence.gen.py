"""Stress input for longest-consecutive-sequence: one long run of ids, shuffled, plus noise and repeats."""


def generate(rng, size):
    if size == 0:
        return [[]]
    start = rng.randint(-10**9, 10**9 - size)
    run = list(range(start, start + size // 2 + 1))
    noise = [rng.randint(-10**9, 10**9) for _ in range(size - len(run) - size // 10)]
    repeats = [rng.choice(run) for _ in range(size // 10)]
    nums = (run + noise + repeats)[:size]
    rng.shuffle(nums)
    return [nums]


def slow(nums):
    values = set(nums)
    best = 0
    for x in values:
        length = 1
        while x + length in values:
            length += 1
        best = max(best, length)
    return best
