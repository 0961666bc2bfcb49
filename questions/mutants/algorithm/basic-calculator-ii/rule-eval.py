# Rule mutant for basic-calculator-ii: correct (operands are never negative, so // truncates toward zero), but uses eval().
def calculate(s):
    return eval(s.replace("/", "//"))
