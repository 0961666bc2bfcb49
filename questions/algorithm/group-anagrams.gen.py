def generate(rng, size):
    """Words built from a few base words by shuffling, so groups are large."""
    n = max(1, size)
    bases = ["".join(rng.choice("abcdef") for _ in range(rng.randint(0, 8 if n < 50 else 40)))
             for _ in range(max(1, n // 20))]
    words = []
    for _ in range(n):
        letters = list(rng.choice(bases))
        rng.shuffle(letters)
        words.append("".join(letters))
    return [words]


def slow(strs):
    """Compare every word with the first word of every group found so far."""
    groups = []
    for w in strs:
        for g in groups:
            if sorted(g[0]) == sorted(w):
                g.append(w)
                break
        else:
            groups.append([w])
    return groups
