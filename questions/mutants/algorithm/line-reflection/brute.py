# Brute force: look for every point's mirror by scanning the whole list, O(n^2).
def is_reflected(points):
    xs = [x for x, _ in points]
    c2 = min(xs) + max(xs)
    for x, y in points:
        found = False
        for x2, y2 in points:
            if x2 == c2 - x and y2 == y:
                found = True
                break
        if not found:
            return False
    return True
