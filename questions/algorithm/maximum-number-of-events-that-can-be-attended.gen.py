"""Stress input for maximum-number-of-events-that-can-be-attended: 10^5 crowded events."""


def generate(rng, size):
    n = max(1, size)
    days = max(1, min(10**5, n // 2)) if n > 20 else 10
    events = []
    for _ in range(n):
        s = rng.randint(1, days)
        events.append([s, min(days, s + rng.randint(0, days // 4))])
    return [events]


def slow(events):
    used = set()
    count = 0
    for s, e in sorted(events, key=lambda ev: ev[1]):
        for d in range(s, e + 1):
            if d not in used:
                used.add(d)
                count += 1
                break
    return count
