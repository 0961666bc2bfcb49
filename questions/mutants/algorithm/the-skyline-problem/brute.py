# Brute force: at every edge x, scan all buildings for the tallest covering one, O(n^2).
def get_skyline(buildings):
    xs = sorted({b[0] for b in buildings} | {b[1] for b in buildings})
    out, prev = [], 0
    for x in xs:
        h = 0
        for left, right, height in buildings:
            if left <= x < right and height > h:
                h = height
        if h != prev:
            out.append([x, h])
            prev = h
    return out
