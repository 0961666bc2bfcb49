def generate(rng, size):
    """An expression of about `size` characters: small numbers joined by + - * /, with spaces,
    built so every intermediate value stays far inside 32 bits and no division is by zero."""
    parts = [str(rng.randint(0, 9))]
    length = 1
    while length < max(1, size) - 6:
        op = rng.choice("+-*/")
        num = str(rng.randint(1, 9)) if op in "*/" else str(rng.randint(0, 99))
        piece = (" " if rng.random() < 0.3 else "") + op + (" " if rng.random() < 0.3 else "") + num
        parts.append(piece)
        length += len(piece)
    return ["".join(parts)]


def slow(s):
    """Tokenise, then repeatedly evaluate the left-most * or /, then the left-most + or -,
    splicing the list each time."""
    tokens, num = [], None
    for ch in s:
        if ch.isdigit():
            num = (num or 0) * 10 + int(ch)
        elif ch in "+-*/":
            tokens.append(num)
            tokens.append(ch)
            num = None
    tokens.append(num)
    for ops in ("*/", "+-"):
        i = 1
        while i < len(tokens):
            if tokens[i] in ops:
                a, op, b = tokens[i - 1], tokens[i], tokens[i + 1]
                if op == "*":
                    v = a * b
                elif op == "/":
                    v = int(a / b)
                elif op == "+":
                    v = a + b
                else:
                    v = a - b
                tokens[i - 1:i + 2] = [v]
            else:
                i += 2
    return tokens[0]
