# Brute force: merge the lists one after another into an accumulated list, O(k * N).
def merge_k_lists(lists):
    merged = None
    for head in lists:
        dummy = tail = ListNode()
        a, b = merged, head
        while a and b:
            if a.val <= b.val:
                tail.next, a = a, a.next
            else:
                tail.next, b = b, b.next
            tail = tail.next
        tail.next = a or b
        merged = dummy.next
    return merged
