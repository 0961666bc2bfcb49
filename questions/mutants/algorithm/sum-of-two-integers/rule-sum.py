# Breaks the rule: correct sum from sum().
def get_sum(a, b):
    return sum((a, b))
