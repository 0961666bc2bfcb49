def generate(rng, size):
    """Cards made of whole runs, sometimes with one card changed so the answer flips."""
    group = rng.randint(1, 4)
    hand = []
    while len(hand) + group <= max(group, size):
        start = rng.randint(0, 10**9 - group) if size > 50 else rng.randint(0, 6)
        hand.extend(range(start, start + group))
    if rng.random() < 0.4:
        hand[rng.randrange(len(hand))] += 1
    rng.shuffle(hand)
    return [hand, group]


def slow(hand, group_size):
    cards = sorted(hand)
    while cards:
        low = cards[0]
        for v in range(low, low + group_size):
            if v not in cards:
                return False
            cards.remove(v)
    return True
