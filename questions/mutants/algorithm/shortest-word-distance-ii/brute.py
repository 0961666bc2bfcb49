# Brute force: scan the whole word list on every query, O(n) per query.
class WordDistance:
    def __init__(self, words):
        self.words = words

    def shortest(self, word1, word2):
        best = len(self.words)
        i1 = i2 = -1
        for i, w in enumerate(self.words):
            if w == word1:
                i1 = i
            elif w == word2:
                i2 = i
            if i1 >= 0 and i2 >= 0:
                best = min(best, abs(i1 - i2))
        return best
