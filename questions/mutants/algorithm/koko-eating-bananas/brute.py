# Brute force for koko-eating-bananas: correct but too slow for the stress case (must time out).
def min_eating_speed(piles, h):
    """Try every speed from 1 upwards."""
    k = 1
    while sum((p + k - 1) // k for p in piles) > h:
        k += 1
    return k
