# Brute force for interleaving-string: correct but too slow for the stress case (must time out).
def is_interleave(s1, s2, s3):
    """Backtracking without memory."""
    if len(s1) + len(s2) != len(s3):
        return False

    def go(i, j):
        if i == len(s1) and j == len(s2):
            return True
        k = i + j
        if i < len(s1) and s1[i] == s3[k] and go(i + 1, j):
            return True
        return j < len(s2) and s2[j] == s3[k] and go(i, j + 1)

    return go(0, 0)
