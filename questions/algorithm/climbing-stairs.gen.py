def generate(rng, size):
    """The step count itself: sizes above 45 are clipped to the stated maximum."""
    return [max(1, min(45, size))]


def slow(n):
    """Plain recursion without memoisation."""
    if n <= 2:
        return n
    return slow(n - 1) + slow(n - 2)
