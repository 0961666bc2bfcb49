# Rule mutant for find-the-duplicate-number: finds the value, but sorts nums in place (the prompt forbids changing it).
def find_duplicate(nums):
    nums.sort()
    for a, b in zip(nums, nums[1:]):
        if a == b:
            return a
