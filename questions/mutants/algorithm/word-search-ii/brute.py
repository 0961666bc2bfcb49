# Brute force: a separate grid search for every word, O(words * cells * 4^L).
def find_words(board, words):
    n, m = len(board), len(board[0])

    def trace(word):
        def go(r, c, k):
            if board[r][c] != word[k]:
                return False
            if k == len(word) - 1:
                return True
            keep, board[r][c] = board[r][c], "#"
            found = any(0 <= nr < n and 0 <= nc < m and go(nr, nc, k + 1)
                        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)))
            board[r][c] = keep
            return found

        return any(go(r, c, 0) for r in range(n) for c in range(m))

    return [w for w in words if trace(w)]
