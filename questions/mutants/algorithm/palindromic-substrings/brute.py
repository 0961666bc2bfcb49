# Brute force: check every substring character by character, O(n^3).
def count_substrings(s):
    total = 0
    for i in range(len(s)):
        for j in range(i, len(s)):
            a, b = i, j
            while a < b and s[a] == s[b]:
                a += 1
                b -= 1
            if a >= b:
                total += 1
    return total
