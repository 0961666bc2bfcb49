"""Stress input for task-scheduler: 10^4 tasks and a cooldown up to 100."""


def generate(rng, size):
    n = max(1, size)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[: rng.randint(1, 26)]
    return [[rng.choice(letters) for _ in range(n)], rng.randint(0, 100 if size > 20 else 4)]


def slow(tasks, n):
    # Simulate: each unit, run the most plentiful task that is off cooldown (or idle).
    from collections import Counter

    left = Counter(tasks)
    ready_at = {t: 0 for t in left}
    time = 0
    while left:
        choices = [t for t in left if ready_at[t] <= time]
        if choices:
            t = max(choices, key=lambda x: (left[x], x))
            left[t] -= 1
            if not left[t]:
                del left[t]
            ready_at[t] = time + n + 1
        time += 1
    return time
