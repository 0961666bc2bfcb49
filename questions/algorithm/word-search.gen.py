"""Stress input for word-search: a 6 x 6 board of one letter and a 15-letter word that fails at the end."""


def generate(rng, size):
    if size > 20:
        board = [["A"] * 6 for _ in range(6)]
        board[rng.randrange(6)][rng.randrange(6)] = "B"
        return [board, "A" * 14 + rng.choice("BC")]
    n = max(1, min(size, 6))
    board = [[rng.choice("AB") for _ in range(n)] for _ in range(n)]
    word = "".join(rng.choice("AB") for _ in range(rng.randint(1, min(15, n * n))))
    return [board, word]


def slow(board, word):
    n, m = len(board), len(board[0])
    cells = [(r, c) for r in range(n) for c in range(m)]

    def go(r, c, k, used):
        if board[r][c] != word[k]:
            return False
        if k == len(word) - 1:
            return True
        used = used | {(r, c)}
        return any(0 <= nr < n and 0 <= nc < m and (nr, nc) not in used and go(nr, nc, k + 1, used)
                   for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)))

    return any(go(r, c, 0, frozenset()) for r, c in cells)
