# Brute force: fold each interval into the result by scanning every merged interval so far, O(n^2).
def merge(intervals):
    out = []
    for s, e in intervals:
        i = 0
        while i < len(out):
            a, b = out[i]
            if a <= e and s <= b:
                s, e = min(s, a), max(e, b)
                out.pop(i)
                i = 0
            else:
                i += 1
        out.append([s, e])
    return sorted(out)
