# Breaks the rule: correct sum from operator.add.
import operator


def get_sum(a, b):
    return operator.add(a, b)
