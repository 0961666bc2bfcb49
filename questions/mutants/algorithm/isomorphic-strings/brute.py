# Brute force for isomorphic-strings: correct but too slow for the stress case (must time out).
def is_isomorphic(s, t):
    """Every pair of positions must agree: equal in s exactly when equal in t."""
    for i in range(len(s)):
        for j in range(i + 1, len(s)):
            if (s[i] == s[j]) != (t[i] == t[j]):
                return False
    return True
