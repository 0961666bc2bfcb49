# Brute force: from every start, extend until the window covers t, O(n^2).
from collections import Counter


def min_window(s, t):
    need = Counter(t)
    best = ""
    for i in range(len(s)):
        have = Counter()
        missing = len(t)
        for j in range(i, len(s)):
            ch = s[j]
            have[ch] += 1
            if have[ch] <= need[ch]:
                missing -= 1
            if missing == 0:
                if not best or j - i + 1 < len(best):
                    best = s[i:j + 1]
                break
    return best
