# Breaks the rule: correct result from the built-in pow().
def my_pow(x, n):
    return pow(x, n)
