# Brute force for distinct-subsequences: correct but too slow for the stress case (must time out).
def num_distinct(s, t):
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
