# Brute force for diameter-of-binary-tree: correct but too slow for the stress case (must time out).
import sys

def diameter_of_binary_tree(root):
    """For every node, measure both subtree heights from scratch."""
    sys.setrecursionlimit(100000)

    def height(node):
        return 0 if node is None else 1 + max(height(node.left), height(node.right))

    best, stack = 0, [root] if root else []
    while stack:
        node = stack.pop()
        best = max(best, height(node.left) + height(node.right))
        stack.extend(c for c in (node.left, node.right) if c)
    return best
