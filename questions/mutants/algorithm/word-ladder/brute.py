# Brute force: compare every pair of words letter by letter to find neighbours, O(n^2 * L).
from collections import deque


def ladder_length(begin_word, end_word, word_list):
    words = list(dict.fromkeys(word_list))
    if end_word not in words:
        return 0

    def near(a, b):
        return sum(x != y for x, y in zip(a, b)) == 1

    dist = {begin_word: 1}
    queue = deque([begin_word])
    while queue:
        a = queue.popleft()
        for w in words:
            if w not in dist and near(a, w):
                dist[w] = dist[a] + 1
                if w == end_word:
                    return dist[w]
                queue.append(w)
    return 0
