# Breaks the rule: no synchronisation at all, and a foobar_output that fakes the expected text.
class FooBar:
    def __init__(self, n):
        self.n = n

    def foo(self, print_foo):
        for _ in range(self.n):
            print_foo()

    def bar(self, print_bar):
        for _ in range(self.n):
            print_bar()


def foobar_output(n):
    return "foobar" * n
