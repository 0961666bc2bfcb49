# Breaks the rule: correct products, but divides with divmod().
def product_except_self(nums):
    zeros = nums.count(0)
    total = 1
    for x in nums:
        if x:
            total *= x
    out = []
    for x in nums:
        if zeros > 1 or (zeros == 1 and x != 0):
            out.append(0)
        elif zeros == 1:
            out.append(total)
        else:
            out.append(divmod(total, x)[0])
    return out
