# Linear scan: reads every id, far more than a binary search's budget.
def search(nums, target):
    for i in range(len(nums)):
        if nums[i] == target:
            return i
    return -1
