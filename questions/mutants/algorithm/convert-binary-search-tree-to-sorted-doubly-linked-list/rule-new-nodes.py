# Rule mutant for convert-binary-search-tree-to-sorted-doubly-linked-list: a correct circular list, but built from new nodes.
def tree_to_doubly_list(root):
    values, stack, node = [], [], root
    while stack or node:
        while node:
            stack.append(node)
            node = node.left
        node = stack.pop()
        values.append(node.val)
        node = node.right
    if not values:
        return None
    nodes = [TreeNode(v) for v in values]
    for a, b in zip(nodes, nodes[1:] + nodes[:1]):
        a.right, b.left = b, a
    return nodes[0]
