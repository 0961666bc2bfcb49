# Brute force for find-the-safest-path-in-a-grid: correct but too slow for the stress case (must time out).
def maximum_safeness_factor(grid):
    """Distance of each cell to its nearest thief by checking every thief, then try each
    safeness from the highest down with a plain flood fill."""
    n = len(grid)
    thieves = [(r, c) for r in range(n) for c in range(n) if grid[r][c]]
    dist = [[min(abs(r - a) + abs(c - b) for a, b in thieves) for c in range(n)] for r in range(n)]
    for need in range(min(dist[0][0], dist[n - 1][n - 1]), -1, -1):
        seen, stack = {(0, 0)}, [(0, 0)]
        while stack:
            r, c = stack.pop()
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < n and 0 <= nc < n and (nr, nc) not in seen and dist[nr][nc] >= need:
                    seen.add((nr, nc))
                    stack.append((nr, nc))
        if (n - 1, n - 1) in seen:
            return need
    return 0
