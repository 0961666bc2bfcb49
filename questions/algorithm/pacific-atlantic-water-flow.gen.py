"""Stress input for pacific-atlantic-water-flow: a 200 x 200 height map with ridges and basins."""


def generate(rng, size):
    m = max(1, min(size, 200))
    n = max(1, min(size, 200)) if size > 20 else rng.randint(1, max(1, size))
    hi = 10**5 if size > 20 else 5
    return [[[rng.randint(0, hi) if rng.random() < 0.3 else (r * 7 + c * 3) % (hi + 1) for c in range(n)] for r in range(m)]]


def slow(heights):
    m, n = len(heights), len(heights[0])

    def reaches(r, c, ocean):
        stack, seen = [(r, c)], {(r, c)}
        while stack:
            x, y = stack.pop()
            if ocean == "P" and (x == 0 or y == 0):
                return True
            if ocean == "A" and (x == m - 1 or y == n - 1):
                return True
            for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if 0 <= nx < m and 0 <= ny < n and (nx, ny) not in seen and heights[nx][ny] <= heights[x][y]:
                    seen.add((nx, ny))
                    stack.append((nx, ny))
        return False

    return [[r, c] for r in range(m) for c in range(n) if reaches(r, c, "P") and reaches(r, c, "A")]
