# Brute force: try all three meanings of every star by recursion, exponential.
def check_valid_string(s):
    def go(i, depth):
        if depth < 0:
            return False
        if i == len(s):
            return depth == 0
        ch = s[i]
        if ch == "(":
            return go(i + 1, depth + 1)
        if ch == ")":
            return go(i + 1, depth - 1)
        return go(i + 1, depth + 1) or go(i + 1, depth - 1) or go(i + 1, depth)

    return go(0, 0)
