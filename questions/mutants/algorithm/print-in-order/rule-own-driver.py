# Breaks the rule: no ordering at all, and a run() that fakes the expected text.
class Foo:
    def first(self, print_first):
        print_first()

    def second(self, print_second):
        print_second()

    def third(self, print_third):
        print_third()


def run(order):
    return "firstsecondthird"
