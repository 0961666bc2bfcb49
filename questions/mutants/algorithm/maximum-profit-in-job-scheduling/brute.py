# Brute force: DP over jobs sorted by end, checking every earlier job for compatibility, O(n^2).
def job_scheduling(start_time, end_time, profit):
    jobs = sorted(zip(end_time, start_time, profit))
    best = []
    for i, (e, s, p) in enumerate(jobs):
        take = p
        for j in range(i):
            if jobs[j][0] <= s and p + best[j] > take:
                take = p + best[j]
        best.append(max(take, best[i - 1] if i else 0))
    return best[-1]
