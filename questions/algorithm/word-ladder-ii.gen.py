"""Stress input for word-ladder-ii: 500 four-letter words over a small alphabet."""
import string


def generate(rng, size):
    letters = "abcdef"[: 3 if size <= 20 else 6]
    length = 3 if size <= 20 else 4
    words = sorted({"".join(rng.choice(letters) for _ in range(length)) for _ in range(min(500, max(2, size)))})
    begin = "".join(rng.choice(letters) for _ in range(length))
    end = rng.choice(words)
    if end == begin:
        end = words[0] if words[0] != begin else words[-1]
    if end == begin:
        end = "z" * length
    return [begin, end, words]


def slow(begin_word, end_word, word_list):
    # Breadth-first over whole paths.
    words = set(word_list)
    if end_word not in words:
        return []

    def near(a, b):
        return sum(x != y for x, y in zip(a, b)) == 1

    layer = [[begin_word]]
    used = {begin_word}
    while layer:
        done = [p for p in layer if p[-1] == end_word]
        if done:
            return done
        nxt = []
        reached = set()
        for path in layer:
            for w in words:
                if w not in used and near(path[-1], w):
                    nxt.append(path + [w])
                    reached.add(w)
        used |= reached
        layer = nxt
    return []
