# Brute force: grow the tree by scanning every (inside, outside) pair for the cheapest edge, O(n^3).
def min_cost_connect_points(points):
    n = len(points)
    inside = [0]
    outside = set(range(1, n))
    total = 0
    while outside:
        best = None
        for i in inside:
            for j in outside:
                d = abs(points[i][0] - points[j][0]) + abs(points[i][1] - points[j][1])
                if best is None or d < best[0]:
                    best = (d, j)
        total += best[0]
        inside.append(best[1])
        outside.remove(best[1])
    return total
