# Brute force for daily-temperatures: correct but too slow for the stress case (must time out).
def daily_temperatures(temperatures):
    out = []
    for i, t in enumerate(temperatures):
        wait = 0
        for j in range(i + 1, len(temperatures)):
            if temperatures[j] > t:
                wait = j - i
                break
        out.append(wait)
    return out
