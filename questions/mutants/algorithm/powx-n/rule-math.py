# Breaks the rule: correct result from math.pow.
import math


def my_pow(x, n):
    return math.pow(x, n)
