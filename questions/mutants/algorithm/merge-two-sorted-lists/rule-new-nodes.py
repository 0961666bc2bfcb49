# Breaks the rule: right values, but builds a new list instead of relinking the given nodes.
def merge_two_lists(list1, list2):
    values = []
    for head in (list1, list2):
        while head is not None:
            values.append(head.val)
            head = head.next
    return build_list(sorted(values))
