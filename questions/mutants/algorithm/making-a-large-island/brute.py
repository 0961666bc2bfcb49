# Brute force: flip each water cell in turn and flood-fill the whole map again, O(n^4).
def largest_island(grid):
    n = len(grid)

    def biggest():
        seen = [[False] * n for _ in range(n)]
        best = 0
        for r in range(n):
            for c in range(n):
                if grid[r][c] == 1 and not seen[r][c]:
                    seen[r][c] = True
                    stack, size = [(r, c)], 0
                    while stack:
                        x, y = stack.pop()
                        size += 1
                        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                            if 0 <= nx < n and 0 <= ny < n and grid[nx][ny] == 1 and not seen[nx][ny]:
                                seen[nx][ny] = True
                                stack.append((nx, ny))
                    best = max(best, size)
        return best

    best = biggest()
    for r in range(n):
        for c in range(n):
            if grid[r][c] == 0:
                grid[r][c] = 1
                best = max(best, biggest())
                grid[r][c] = 0
    return best
