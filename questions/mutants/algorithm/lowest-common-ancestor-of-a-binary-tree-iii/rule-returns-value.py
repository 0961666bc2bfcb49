# Breaks the rule: finds the right ancestor but returns its value instead of the node.
def lowest_common_ancestor(p, q):
    ups = set()
    while p is not None:
        ups.add(id(p))
        p = p.parent
    while id(q) not in ups:
        q = q.parent
    return q.val
