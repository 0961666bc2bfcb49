# Brute force for find-median-from-data-stream: sorts everything on every call; too slow for the stress case (must time out).
class MedianFinder:
    """Sorts everything seen so far on every query."""

    def __init__(self):
        self.values = []

    def add_num(self, num):
        self.values.append(num)

    def find_median(self):
        s = sorted(self.values)
        m = len(s) // 2
        return float(s[m]) if len(s) % 2 else (s[m - 1] + s[m]) / 2
