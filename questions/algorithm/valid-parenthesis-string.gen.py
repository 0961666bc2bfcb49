"""Stress input for valid-parenthesis-string: 100 characters, many of them wildcards."""


def generate(rng, size):
    n = min(size, 100)
    return ["".join(rng.choice("((**)") if rng.random() < 0.8 else "*" for _ in range(n))]


def slow(s):
    # Every reachable count of open brackets, position by position.
    opens = {0}
    for ch in s:
        if ch == "(":
            opens = {k + 1 for k in opens}
        elif ch == ")":
            opens = {k - 1 for k in opens if k > 0}
        else:
            opens = {k + d for k in opens for d in (-1, 0, 1) if k + d >= 0}
        if not opens:
            return False
    return 0 in opens
