"""Input for print-foobar-alternately: up to 1000 rounds."""


def generate(rng, size):
    return [min(size, 1000)]


def slow(n):
    return "foobar" * n  # the harness swaps its own driver into foobar_output before the call


class FooBar:
    # The oracle's own class for the harness driver, in case the driver is swapped in here too.
    def __init__(self, n):
        import threading

        self.n = n
        self.turn = threading.Semaphore(1)
        self.other = threading.Semaphore(0)

    def foo(self, print_foo):
        for _ in range(self.n):
            self.turn.acquire()
            print_foo()
            self.other.release()

    def bar(self, print_bar):
        for _ in range(self.n):
            self.other.acquire()
            print_bar()
            self.turn.release()


def foobar_output(n):
    """Filled in by the harness's prepare hook during the cross-check."""
