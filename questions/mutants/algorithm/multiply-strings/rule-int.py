# Breaks the rule: correct product, but converts the whole inputs with int().
def multiply(num1, num2):
    return str(int(num1) * int(num2))
