# Brute force: events by end day, each takes the first free day found by scanning, O(n * days).
def max_events(events):
    used = set()
    count = 0
    for s, e in sorted(events, key=lambda ev: ev[1]):
        for d in range(s, e + 1):
            if d not in used:
                used.add(d)
                count += 1
                break
    return count
