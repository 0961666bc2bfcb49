# Rule mutant for add-two-numbers: correct digits, but turns each list into a Python int first (the prompt forbids it).
def add_two_numbers(l1, l2):
    def to_int(node):
        digits = []
        while node:
            digits.append(str(node.val))
            node = node.next
        return int("".join(reversed(digits)))

    total = to_int(l1) + to_int(l2)
    dummy = tail = ListNode(0)
    for ch in reversed(str(total)):
        tail.next = ListNode(int(ch))
        tail = tail.next
    return dummy.next
