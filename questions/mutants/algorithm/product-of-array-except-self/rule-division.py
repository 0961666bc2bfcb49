# Breaks the rule: correct products, but divides the total by each value (zeros handled apart).
def product_except_self(nums):
    zeros = nums.count(0)
    total = 1
    for x in nums:
        if x:
            total *= x
    out = []
    for x in nums:
        if zeros > 1:
            out.append(0)
        elif zeros == 1:
            out.append(total if x == 0 else 0)
        else:
            out.append(total // x)
    return out
