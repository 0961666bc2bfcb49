# Rule mutant for insert-into-a-sorted-circular-linked-list: builds a fresh ring with the value in place instead of relinking the given nodes.
def insert(head, insert_val):
    if head is None:
        node = ListNode(insert_val)
        node.next = node
        return node
    values, node = [head.val], head.next
    while node is not head:
        values.append(node.val)
        node = node.next
    m = len(values)
    at = next((i + 1 for i in range(m) if values[i] <= insert_val <= values[(i + 1) % m]
               or (values[i] > values[(i + 1) % m] and (insert_val >= values[i] or insert_val <= values[(i + 1) % m]))), m)
    values.insert(at, insert_val)
    nodes = [ListNode(v) for v in values]
    for i, n in enumerate(nodes):
        n.next = nodes[(i + 1) % len(nodes)]
    return nodes[0]
