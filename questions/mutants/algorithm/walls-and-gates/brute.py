# Brute force: a separate breadth-first search from every exit, O(exits * cells).
from collections import deque


def walls_and_gates(rooms):
    m, n = len(rooms), len(rooms[0])
    for r in range(m):
        for c in range(n):
            if rooms[r][c] != 0:
                continue
            dist = {(r, c): 0}
            queue = deque([(r, c)])
            while queue:
                x, y = queue.popleft()
                for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                    if 0 <= nx < m and 0 <= ny < n and rooms[nx][ny] > 0 and (nx, ny) not in dist:
                        dist[(nx, ny)] = dist[(x, y)] + 1
                        if dist[(nx, ny)] < rooms[nx][ny]:
                            rooms[nx][ny] = dist[(nx, ny)]
                        queue.append((nx, ny))
