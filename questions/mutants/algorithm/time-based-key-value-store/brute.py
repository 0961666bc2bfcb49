# Brute force: scan a key's whole history on every get, O(history) per call.
class TimeMap:
    def __init__(self):
        self.history = {}

    def set(self, key, value, timestamp):
        self.history.setdefault(key, []).append((timestamp, value))

    def get(self, key, timestamp):
        best = ""
        for t, v in self.history.get(key, []):
            if t <= timestamp:
                best = v
        return best
