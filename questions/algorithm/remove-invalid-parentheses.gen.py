"""Stress input for remove-invalid-parentheses: 25 characters with 20 parentheses."""


def generate(rng, size):
    n = max(1, min(size, 25))
    parens = min(20, n)
    chars = [rng.choice("()") for _ in range(parens)] + [rng.choice("xyz") for _ in range(n - parens)]
    rng.shuffle(chars)
    return ["".join(chars)]


def slow(s):
    # Breadth-first over deletions: the first level with balanced strings is the answer.
    def ok(t):
        depth = 0
        for ch in t:
            depth += ch == "("
            depth -= ch == ")"
            if depth < 0:
                return False
        return depth == 0

    level = {s}
    while True:
        good = [t for t in level if ok(t)]
        if good:
            return good
        level = {t[:i] + t[i + 1:] for t in level for i in range(len(t)) if t[i] in "()"}
