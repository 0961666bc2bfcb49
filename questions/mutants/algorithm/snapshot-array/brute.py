# Brute force: copy the whole array on every snap, O(length) per snap.
class SnapshotArray:
    def __init__(self, length):
        self.values = [0] * length
        self.snaps = []

    def set(self, index, val):
        self.values[index] = val

    def snap(self):
        self.snaps.append(self.values[:])
        return len(self.snaps) - 1

    def get(self, index, snap_id):
        return self.snaps[snap_id][index]
