# Brute force: a dict plus a full scan for the least used key on every eviction, O(capacity) per put.
class LFUCache:
    def __init__(self, capacity):
        self.cap = capacity
        self.data = {}
        self.tick = 0

    def get(self, key):
        self.tick += 1
        if key not in self.data:
            return -1
        entry = self.data[key]
        entry[1] += 1
        entry[2] = self.tick
        return entry[0]

    def put(self, key, value):
        self.tick += 1
        if self.cap == 0:
            return
        if key in self.data:
            entry = self.data[key]
            entry[0] = value
            entry[1] += 1
            entry[2] = self.tick
            return
        if len(self.data) >= self.cap:
            victim = min(self.data, key=lambda k: (self.data[k][1], self.data[k][2]))
            del self.data[victim]
        self.data[key] = [value, 1, self.tick]
