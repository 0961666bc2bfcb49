# Brute force for capacity-to-ship-packages-within-d-days: correct but too slow for the stress case (must time out).
def ship_within_days(weights, days):
    """Try every capacity upwards from the heaviest package."""
    cap = max(weights)
    while True:
        used, load = 1, 0
        for w in weights:
            if load + w > cap:
                used, load = used + 1, 0
            load += w
        if used <= days:
            return cap
        cap += 1
