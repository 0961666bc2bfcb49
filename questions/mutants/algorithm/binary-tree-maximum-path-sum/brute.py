# Brute force for binary-tree-maximum-path-sum: correct but too slow for the stress case (must time out).
import sys

def max_path_sum(root):
    """For every node as the top of the path, find the best downward branch on each side from
    scratch."""
    sys.setrecursionlimit(100000)

    def down(node):
        if node is None:
            return 0
        return max(0, node.val + max(down(node.left), down(node.right)))

    best, stack = float("-inf"), [root]
    while stack:
        node = stack.pop()
        best = max(best, node.val + down(node.left) + down(node.right))
        stack.extend(c for c in (node.left, node.right) if c)
    return best
