# Breaks the rule: right order of values, but swaps values between nodes instead of moving nodes.
def reverse_k_group(head, k):
    nodes = []
    node = head
    while node is not None:
        nodes.append(node)
        node = node.next
    for i in range(0, len(nodes) - len(nodes) % k, k):
        block = nodes[i:i + k]
        values = [x.val for x in block][::-1]
        for x, v in zip(block, values):
            x.val = v
    return head
