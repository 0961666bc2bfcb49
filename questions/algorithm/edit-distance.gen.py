def generate(rng, size):
    letters = "abc"
    return ["".join(rng.choice(letters) for _ in range(size)),
            "".join(rng.choice(letters) for _ in range(max(0, size - rng.randint(0, 2))))]


def slow(word1, word2):
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
