# Brute force: backtracking over every prefix without memoisation, exponential.
def word_break(s, word_dict):
    words = set(word_dict)

    def go(i):
        if i == len(s):
            return True
        return any(s[i:j] in words and go(j) for j in range(i + 1, len(s) + 1))

    return go(0)
