# Brute force for hand-of-straights: correct but too slow for the stress case (must time out).
def is_n_straight_hand(hand, group_size):
    cards = sorted(hand)
    while cards:
        low = cards[0]
        for v in range(low, low + group_size):
            if v not in cards:
                return False
            cards.remove(v)
    return True
