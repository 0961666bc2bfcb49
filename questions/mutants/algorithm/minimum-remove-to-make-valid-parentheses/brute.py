# Brute force: remove one offending bracket at a time and rescan from the start, O(n^2).
def min_remove_to_make_valid(s):
    while True:
        depth = 0
        bad = -1
        for i, ch in enumerate(s):
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    bad = i
                    break
                depth -= 1
        if bad < 0 and depth:
            bad = s.rindex("(")
        if bad < 0:
            return s
        s = s[:bad] + s[bad + 1:]
