# Brute force for edit-distance: correct but too slow for the stress case (must time out).
def min_distance(word1, word2):
    """Plain recursion over the three edits."""
    def dist(i, j):
        if i == len(word1):
            return len(word2) - j
        if j == len(word2):
            return len(word1) - i
        if word1[i] == word2[j]:
            return dist(i + 1, j + 1)
        return 1 + min(dist(i + 1, j), dist(i, j + 1), dist(i + 1, j + 1))
    return dist(0, 0)
