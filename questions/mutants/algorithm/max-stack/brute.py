# Brute force: a plain list; peek_max and pop_max scan the whole stack, O(n) each.
class MaxStack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)

    def pop(self):
        return self.items.pop()

    def top(self):
        return self.items[-1]

    def peek_max(self):
        return max(self.items)

    def pop_max(self):
        m = max(self.items)
        for i in range(len(self.items) - 1, -1, -1):
            if self.items[i] == m:
                return self.items.pop(i)
