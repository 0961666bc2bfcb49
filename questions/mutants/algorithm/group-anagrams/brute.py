# Brute force for group-anagrams: correct but too slow for the stress case (must time out).
def group_anagrams(strs):
    """Compare every word with the first word of every group found so far."""
    groups = []
    for w in strs:
        for g in groups:
            if sorted(g[0]) == sorted(w):
                g.append(w)
                break
        else:
            groups.append([w])
    return groups
