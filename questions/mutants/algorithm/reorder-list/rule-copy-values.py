# Breaks the rule: right order of values, but rewrites the values instead of relinking the nodes.
def reorder_list(head):
    values = []
    node = head
    while node is not None:
        values.append(node.val)
        node = node.next
    order = []
    i, j = 0, len(values) - 1
    while i <= j:
        order.append(values[i])
        if i != j:
            order.append(values[j])
        i += 1
        j -= 1
    node = head
    for v in order:
        node.val = v
        node = node.next
