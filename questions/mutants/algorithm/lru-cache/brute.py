# Brute force: a last-use timestamp per key and a linear scan for the oldest one on every eviction.
class LRUCache:
    def __init__(self, capacity):
        self.cap = capacity
        self.values = {}
        self.used = {}
        self.tick = 0

    def get(self, key):
        if key not in self.values:
            return -1
        self.tick += 1
        self.used[key] = self.tick
        return self.values[key]

    def put(self, key, value):
        self.tick += 1
        if key not in self.values and len(self.values) == self.cap:
            oldest = min(self.used, key=self.used.get)
            del self.values[oldest]
            del self.used[oldest]
        self.values[key] = value
        self.used[key] = self.tick
