"""Stress input for meeting-rooms-iii: `size` meetings with distinct starts, few rooms, many delays."""


def generate(rng, size):
    n_rooms = rng.randint(1, 100 if size > 20 else 4)
    horizon = 5 * 10**5 if size > 20 else 40
    starts = rng.sample(range(0, horizon), min(size, horizon))
    meetings = [[s, min(horizon + 1, s + rng.randint(1, 50 if size > 20 else 8))] for s in starts]
    return [n_rooms, meetings]


def slow(n, meetings):
    free_at = [0] * n
    count = [0] * n
    for s, e in sorted(meetings):
        idle = [i for i in range(n) if free_at[i] <= s]
        if idle:
            room = idle[0]
            free_at[room] = e
        else:
            t = min(free_at)
            room = free_at.index(t)
            free_at[room] = t + e - s
        count[room] += 1
    return count.index(max(count))
