# Breaks the rule: right values, but builds a new list instead of relinking the given nodes.
def merge_k_lists(lists):
    values = []
    for head in lists:
        while head is not None:
            values.append(head.val)
            head = head.next
    return build_list(sorted(values))
