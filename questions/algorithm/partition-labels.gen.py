"""Input for partition-labels at its limit: 500 lowercase letters."""
import string


def generate(rng, size):
    n = max(1, min(size, 500))
    # Letters grouped in blocks, with some strays that glue blocks together.
    out = []
    while len(out) < n:
        ch = rng.choice(string.ascii_lowercase)
        out.extend(ch * rng.randint(1, 20))
    return ["".join(out[:n])]


def slow(s):
    pieces = []
    start = 0
    while start < len(s):
        end = start
        i = start
        while i <= end:
            end = max(end, s.rindex(s[i]))
            i += 1
        pieces.append(end - start + 1)
        start = end + 1
    return pieces
