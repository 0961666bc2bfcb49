# Brute force: longest chain of compatible intervals by quadratic DP, O(n^2).
def erase_overlap_intervals(intervals):
    items = sorted(intervals, key=lambda iv: iv[1])
    keep = [1] * len(items)
    for i in range(len(items)):
        for j in range(i):
            if items[j][1] <= items[i][0] and keep[j] + 1 > keep[i]:
                keep[i] = keep[j] + 1
    return len(items) - max(keep)
