"""Stress input for minimum-remove-to-make-valid-parentheses: `size` characters."""


def generate(rng, size):
    n = max(1, size)
    return ["".join(rng.choice("((())abc") for _ in range(n))]


def slow(s):
    # Drop the closers that close nothing, then the openers left unclosed (rightmost first).
    out = []
    depth = 0
    for ch in s:
        if ch == ")":
            if depth == 0:
                continue
            depth -= 1
        elif ch == "(":
            depth += 1
        out.append(ch)
    text = "".join(out)
    while depth:
        i = text.rindex("(")
        text = text[:i] + text[i + 1:]
        depth -= 1
    return text
