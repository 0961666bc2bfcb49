# Breaks the rule: correct result from the ** operator.
def my_pow(x, n):
    return x ** n
