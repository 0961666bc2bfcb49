def generate(rng, size):
    """Text of `size` letters from a small alphabet; pattern a third as long."""
    n = max(1, size)
    s = "".join(rng.choice("abc") for _ in range(n))
    p = "".join(rng.choice("abc") for _ in range(max(1, n // 3)))
    return [s, p]


def slow(s, p):
    target = sorted(p)
    return [i for i in range(len(s) - len(p) + 1) if sorted(s[i:i + len(p)]) == target]
