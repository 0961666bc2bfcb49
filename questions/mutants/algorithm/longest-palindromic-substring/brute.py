# Brute force: check every substring character by character, O(n^3).
def longest_palindrome(s):
    best = s[:1]
    n = len(s)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = i, j
            while a < b and s[a] == s[b]:
                a += 1
                b -= 1
            if a >= b and j - i + 1 > len(best):
                best = s[i:j + 1]
    return best
