# Brute force: a depth-first walk from every cell without memoisation, exponential on long slopes.
def longest_increasing_path(matrix):
    m, n = len(matrix), len(matrix[0])

    def walk(r, c):
        best = 1
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < m and 0 <= nc < n and matrix[nr][nc] > matrix[r][c]:
                best = max(best, 1 + walk(nr, nc))
        return best

    return max(walk(r, c) for r in range(m) for c in range(n))
