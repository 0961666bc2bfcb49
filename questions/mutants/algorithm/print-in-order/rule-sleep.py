# Breaks the rule: correct order, but waits in sleep loops instead of blocking on a primitive.
import time


class Foo:
    def __init__(self):
        self.stage = 1

    def first(self, print_first):
        print_first()
        self.stage = 2

    def second(self, print_second):
        while self.stage < 2:
            time.sleep(0.001)
        print_second()
        self.stage = 3

    def third(self, print_third):
        while self.stage < 3:
            time.sleep(0.001)
        print_third()


def run(order):
    """The harness replaces this with its own driver."""
