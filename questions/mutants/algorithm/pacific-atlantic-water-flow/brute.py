# Brute force: a separate downhill search from every cell, O((m n)^2).
def pacific_atlantic(heights):
    m, n = len(heights), len(heights[0])
    out = []
    for r in range(m):
        for c in range(n):
            pac = atl = False
            seen = {(r, c)}
            stack = [(r, c)]
            while stack and not (pac and atl):
                x, y = stack.pop()
                pac = pac or x == 0 or y == 0
                atl = atl or x == m - 1 or y == n - 1
                for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                    if 0 <= nx < m and 0 <= ny < n and (nx, ny) not in seen and heights[nx][ny] <= heights[x][y]:
                        seen.add((nx, ny))
                        stack.append((nx, ny))
            if pac and atl:
                out.append([r, c])
    return out
