# Breaks the rule: correct orderings, but from itertools.permutations.
from itertools import permutations


def permute(nums):
    return [list(p) for p in permutations(nums)]
