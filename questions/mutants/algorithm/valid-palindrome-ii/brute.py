# Brute force: delete each character in turn and test the rest, O(n^2).
def valid_palindrome(s):
    if s == s[::-1]:
        return True
    for i in range(len(s)):
        t = s[:i] + s[i + 1:]
        if t == t[::-1]:
            return True
    return False
