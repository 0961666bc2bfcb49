# Brute force: walk the weights from the start on every call, O(n) per call.
import random


class WeightedPicker:
    def __init__(self, w):
        self.w = w
        self.total = sum(w)

    def index_for(self, r):
        for i, x in enumerate(self.w):
            if r < x:
                return i
            r -= x
        return len(self.w) - 1

    def pick_index(self):
        return self.index_for(random.randrange(self.total))
