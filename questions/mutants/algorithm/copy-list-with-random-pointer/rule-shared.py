# Rule mutant for copy-list-with-random-pointer: hands back the original list instead of a deep copy.
def copy_random_list(head):
    return head
