# Brute force: walk to the current tail for every move, O(n^2).
def reorder_list(head):
    node = head
    while node is not None and node.next is not None and node.next.next is not None:
        before = node
        while before.next.next is not None:
            before = before.next
        tail = before.next
        before.next = None
        tail.next = node.next
        node.next = tail
        node = tail.next
