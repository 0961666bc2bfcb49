# Breaks the rule: correct output, but polls a shared flag with time.sleep instead of a primitive.
import threading
import time


class FooBar:
    def __init__(self, n):
        self.n = n
        self.foo_next = True

    def foo(self, print_foo):
        for _ in range(self.n):
            while not self.foo_next:
                time.sleep(0.0001)
            print_foo()
            self.foo_next = False

    def bar(self, print_bar):
        for _ in range(self.n):
            while self.foo_next:
                time.sleep(0.0001)
            print_bar()
            self.foo_next = True


def foobar_output(n):
    """The harness replaces this with its own driver."""
