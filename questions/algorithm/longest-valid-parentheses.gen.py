"""Stress input for longest-valid-parentheses: `size` brackets, mostly balanced runs."""


def generate(rng, size):
    if size > 20:
        # One deep nest with a few flipped brackets: long valid stretches, deep nesting.
        half = size // 2
        s = ["("] * half + [")"] * (size - half)
        for _ in range(3):
            i = rng.randrange(size)
            s[i] = "(" if s[i] == ")" else ")"
        return ["".join(s)]
    return ["".join(rng.choice("()") for _ in range(size))]


def slow(s):
    best = 0
    for i in range(len(s)):
        depth = 0
        for j in range(i, len(s)):
            depth += 1 if s[j] == "(" else -1
            if depth < 0:
                break
            if depth == 0:
                best = max(best, j - i + 1)
    return best
