# Breaks the rule: sorts in place, but with the library sort.
def sort_colors(nums):
    nums.sort()
