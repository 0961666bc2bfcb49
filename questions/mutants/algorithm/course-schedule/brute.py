# Brute force for course-schedule: correct but too slow for the stress case (must time out).
def can_finish(n, prerequisites):
    """Repeatedly scan every job for one whose prerequisites are all done."""
    done = [False] * n
    for _ in range(n):
        progress = False
        for job in range(n):
            if not done[job] and all(done[b] for a, b in prerequisites if a == job):
                done[job] = True
                progress = True
                break
        if not progress:
            return False
    return True
