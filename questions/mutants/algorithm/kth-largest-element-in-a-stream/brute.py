# Brute force for kth-largest-element-in-a-stream: sorts everything on every call; too slow for the stress case (must time out).
class KthLargest:
    """Keeps every value and sorts on each add."""

    def __init__(self, k, nums):
        self.k = k
        self.values = list(nums)

    def add(self, val):
        self.values.append(val)
        return sorted(self.values, reverse=True)[self.k - 1]
