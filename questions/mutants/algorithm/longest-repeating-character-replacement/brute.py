# Brute force: every start, extended with letter counts, O(26 n^2).
def character_replacement(s, k):
    best = 0
    for i in range(len(s)):
        counts = {}
        top = 0
        for j in range(i, len(s)):
            counts[s[j]] = counts.get(s[j], 0) + 1
            top = max(top, counts[s[j]])
            if j - i + 1 - top <= k:
                best = max(best, j - i + 1)
    return best
