# Brute force for climbing-stairs: correct but too slow for the stress case (must time out).
def climb_stairs(n):
    """Plain recursion without memoisation."""
    if n <= 2:
        return n
    return climb_stairs(n - 1) + climb_stairs(n - 2)
