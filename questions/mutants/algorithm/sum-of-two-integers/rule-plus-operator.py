# Breaks the rule: correct sum with the + operator.
def get_sum(a, b):
    return a + b
