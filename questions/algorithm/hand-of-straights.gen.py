def generate(rng, size):
    """Cards made of whole runs, sometimes with one card changed so the answer flips. Large
    sizes use intact runs of 3 with far-apart starts (answer True), so a remove-from-a-sorted-list
    brute force does quadratic work. Large odd sizes are one run of `size` consecutive cards with
    group_size = size (answer True): every value after the first is then used up, so a loop that
    walks a group for a value whose count is already zero does size^2 work."""
    if size >= 50 and size % 2:
        hand = list(range(10**6, 10**6 + size))
        rng.shuffle(hand)
        return [hand, size]
    group = rng.randint(1, 4) if size < 50 else 3
    hand = []
    while len(hand) + group <= max(group, size):
        start = rng.randint(0, 10**9 - group) if size >= 50 else rng.randint(0, 6)
        hand.extend(range(start, start + group))
    if size < 50 and rng.random() < 0.4:
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
