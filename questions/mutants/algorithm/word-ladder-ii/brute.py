# Brute force: depth-first search over every simple path, keeping the shortest ones.
def find_ladders(begin_word, end_word, word_list):
    words = set(word_list)
    best = []

    def near(a, b):
        return sum(x != y for x, y in zip(a, b)) == 1

    def go(path, used):
        nonlocal best
        if best and len(path) > len(best[0]):
            return
        if path[-1] == end_word:
            if not best or len(path) < len(best[0]):
                best = []
            best.append(list(path))
            return
        for w in words:
            if w not in used and near(path[-1], w):
                used.add(w)
                path.append(w)
                go(path, used)
                path.pop()
                used.discard(w)

    if end_word in words:
        go([begin_word], {begin_word})
    return best
