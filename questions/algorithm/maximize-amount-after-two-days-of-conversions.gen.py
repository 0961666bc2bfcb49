"""Input for maximize-amount-after-two-days-of-conversions: 10 consistent pairs per day."""

CODES = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"]


def _day(rng, count):
    # A random tree of currencies: rates along a tree never contradict each other.
    names = rng.sample(CODES, min(len(CODES), count + 1))
    pairs, rates = [], []
    for i in range(1, len(names)):
        a, b = names[rng.randrange(i)], names[i]
        if rng.random() < 0.5:
            a, b = b, a
        pairs.append([a, b])
        rates.append(float(rng.randint(1, 10)))
    return pairs, rates


def generate(rng, size):
    count = max(1, min(size, 10))
    p1, r1 = _day(rng, count)
    p2, r2 = _day(rng, count)
    start = rng.choice([c for pair in p1 for c in pair])
    return [start, p1, r1, p2, r2]


def slow(initial_currency, pairs1, rates1, pairs2, rates2):
    def best(start, pairs, rates):
        value = {start: 1.0}
        changed = True
        while changed:
            changed = False
            for (a, b), r in zip(pairs, rates):
                if a in value and b not in value:
                    value[b] = value[a] * r
                    changed = True
                if b in value and a not in value:
                    value[a] = value[b] / r
                    changed = True
        return value

    d1 = best(initial_currency, pairs1, rates1)
    d2 = best(initial_currency, pairs2, rates2)
    return max(d1[c] / d2[c] for c in d1 if c in d2)
