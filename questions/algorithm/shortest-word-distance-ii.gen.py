"""Stress input for shortest-word-distance-ii: 3 * 10^4 words and 5000 queries."""


def generate(rng, size):
    vocab_size = 1000 if size > 20 else 4
    vocab = [f"w{i}" for i in range(vocab_size)]
    n = max(2, min(size, 3 * 10**4))
    words = [rng.choice(vocab) for _ in range(n)]
    present = sorted(set(words))
    if len(present) < 2:
        words[-1] = "other"
        present = sorted(set(words))
    queries = []
    for _ in range(min(5000, max(1, size // 6)) if size > 20 else 3):
        a, b = rng.sample(present, 2)
        queries.append(["shortest", a, b])
    return {"init": [words], "ops": queries}


class Slow:
    def __init__(self, words):
        self.words = words

    def shortest(self, word1, word2):
        a = [i for i, w in enumerate(self.words) if w == word1]
        b = [i for i, w in enumerate(self.words) if w == word2]
        return min(abs(i - j) for i in a for j in b)
