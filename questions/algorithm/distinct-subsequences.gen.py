def generate(rng, size):
    """Two-letter alphabet so the count is large; t is a third of s."""
    n = max(1, size)
    s = "".join(rng.choice("ab") for _ in range(n))
    t = "".join(rng.choice("ab") for _ in range(max(1, n // 3)))
    return [s, t]


def slow(s, t):
    """Plain recursion over (position in s, position in t)."""
    def count(i, j):
        if j == len(t):
            return 1
        if len(s) - i < len(t) - j:
            return 0
        total = count(i + 1, j)
        if s[i] == t[j]:
            total += count(i + 1, j + 1)
        return total
    return count(0, 0)
