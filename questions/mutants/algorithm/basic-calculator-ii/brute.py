# Brute force for basic-calculator-ii: splices the token list for every operator, quadratic; must time out on the stress case.
def calculate(s):
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
