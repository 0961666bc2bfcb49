"""Stress input for word-search-ii: a 12 x 12 board and 3 * 10^4 words, many of them findable."""


def generate(rng, size):
    n = max(1, min(size, 12))
    letters = "abcde" if size > 20 else "ab"
    board = [[rng.choice(letters) for _ in range(n)] for _ in range(n)]
    words = set()
    target = min(3 * 10**4, max(1, size))
    while len(words) < target:
        if rng.random() < 0.5:
            # trace a real path so the word is on the board
            r, c = rng.randrange(n), rng.randrange(n)
            seen, w = {(r, c)}, board[r][c]
            for _ in range(rng.randint(0, 9)):
                steps = [(r + dr, c + dc) for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1))
                         if 0 <= r + dr < n and 0 <= c + dc < n and (r + dr, c + dc) not in seen]
                if not steps:
                    break
                r, c = rng.choice(steps)
                seen.add((r, c))
                w += board[r][c]
            words.add(w)
        else:
            words.add("".join(rng.choice(letters) for _ in range(rng.randint(1, 10))))
    return [board, sorted(words)]


def slow(board, words):
    n, m = len(board), len(board[0])

    def trace(word):
        def go(r, c, k, used):
            if board[r][c] != word[k]:
                return False
            if k == len(word) - 1:
                return True
            used.add((r, c))
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < n and 0 <= nc < m and (nr, nc) not in used and go(nr, nc, k + 1, used):
                    return True
            used.discard((r, c))
            return False

        return any(go(r, c, 0, set()) for r in range(n) for c in range(m))

    return [w for w in words if trace(w)]
