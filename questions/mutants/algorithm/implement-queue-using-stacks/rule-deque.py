# Rule mutant for implement-queue-using-stacks: a correct FIFO, but built on collections.deque instead of two stacks.
from collections import deque


class MyQueue:
    def __init__(self):
        self.items = deque()

    def push(self, x):
        self.items.append(x)

    def pop(self):
        return self.items.popleft()

    def peek(self):
        return self.items[0]

    def empty(self):
        return not self.items
