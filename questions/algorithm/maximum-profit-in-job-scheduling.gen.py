"""Stress input for maximum-profit-in-job-scheduling: `size` overlapping jobs."""


def generate(rng, size):
    n = max(1, size)
    horizon = 10**9 if n > 20 else 30
    starts, ends, profits = [], [], []
    for _ in range(n):
        s = rng.randint(1, horizon - 1)
        starts.append(s)
        ends.append(min(horizon, s + rng.randint(1, max(1, horizon // max(1, n // 20)))))
        profits.append(rng.randint(1, 10**4))
    return [starts, ends, profits]


def slow(start_time, end_time, profit):
    jobs = sorted(zip(end_time, start_time, profit))
    best = [0] * len(jobs)
    for i, (e, s, p) in enumerate(jobs):
        best[i] = p + max([best[j] for j in range(i) if jobs[j][0] <= s] or [0])
        if i:
            best[i] = max(best[i], best[i - 1])
    return max(best)
