# Brute force: at every start time, count the meetings in progress, O(n^2).
def min_meeting_rooms(intervals):
    best = 0
    for s, _ in intervals:
        busy = 0
        for a, b in intervals:
            if a <= s < b:
                busy += 1
        best = max(best, busy)
    return best
