def generate(rng, size):
    """t is s renamed through a random one-to-one table. Small sizes: half of the time one
    character of t is changed so the renaming breaks. Large sizes: an intact renaming, so a
    pairwise check has to look at every pair."""
    n = max(1, size)
    alphabet = [chr(c) for c in range(33, 127)]
    s = "".join(rng.choice(alphabet[:8] if n < 50 else alphabet) for _ in range(n))
    table = dict(zip(alphabet, rng.sample(alphabet, len(alphabet))))
    t = [table[ch] for ch in s]
    if n < 50 and rng.random() < 0.5:
        t[rng.randrange(n)] = rng.choice(alphabet)
    return [s, "".join(t)]


def slow(s, t):
    """Every pair of positions must agree: equal in s exactly when equal in t."""
    for i in range(len(s)):
        for j in range(i + 1, len(s)):
            if (s[i] == s[j]) != (t[i] == t[j]):
                return False
    return True
