"""Stress input for word-ladder: 5000 five-letter words over a small alphabet."""


def generate(rng, size):
    letters = "abcdefgh"[: 3 if size <= 20 else 8]
    length = 3 if size <= 20 else 5
    words = sorted({"".join(rng.choice(letters) for _ in range(length)) for _ in range(min(5000, max(2, size)))})
    begin = "".join(rng.choice(letters) for _ in range(length))
    end = rng.choice(words)
    if end == begin:
        end = words[-1] if words[-1] != begin else words[0]
    if end == begin:
        end = "z" * length
    return [begin, end, words]


def slow(begin_word, end_word, word_list):
    words = set(word_list)
    if end_word not in words:
        return 0
    dist = {begin_word: 1}
    frontier = [begin_word]
    while frontier:
        nxt = []
        for a in frontier:
            for w in words:
                if w not in dist and sum(x != y for x, y in zip(a, w)) == 1:
                    dist[w] = dist[a] + 1
                    if w == end_word:
                        return dist[w]
                    nxt.append(w)
        frontier = nxt
    return 0
