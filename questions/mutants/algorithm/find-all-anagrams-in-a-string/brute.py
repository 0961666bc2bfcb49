# Brute force for find-all-anagrams-in-a-string: correct but too slow for the stress case (must time out).
def find_anagrams(s, p):
    target = sorted(p)
    return [i for i in range(len(s) - len(p) + 1) if sorted(s[i:i + len(p)]) == target]
