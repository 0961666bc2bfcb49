"""Stress input for regular-expression-matching: the longest strings and patterns, many stars."""


def generate(rng, size):
    if size > 20:
        # a*a*a*...: naive backtracking tries every way to share the a's between the stars.
        s = "a" * 20
        p = "a*" * 14 + rng.choice(["b", "c"])  # cannot match: every split of the a's gets tried
        return [s, p]
    n = min(size, 20)
    s = "".join(rng.choice("ab") for _ in range(rng.randint(0, n)))
    p = ""
    while len(p) < rng.randint(0, min(30, 2 * n)):
        p += rng.choice("ab.") + ("*" if rng.random() < 0.4 else "")
    return [s, p[:30] if not p[:30].startswith("*") else p[1:31]]


def slow(s, p):
    import re

    return re.fullmatch(p, s) is not None
