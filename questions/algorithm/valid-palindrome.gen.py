"""Input for valid-palindrome at its limit: 2 * 10^5 printable characters."""
import string


def generate(rng, size):
    n = max(1, size)
    core = [rng.choice(string.ascii_letters + string.digits) for _ in range(n // 4)]
    mirrored = core + core[::-1]
    if rng.random() < 0.5 and mirrored:
        mirrored[rng.randrange(len(mirrored))] = rng.choice("xyz")
    out = []
    for ch in mirrored:
        out.append(ch.upper() if rng.random() < 0.5 else ch.lower())
        while rng.random() < 0.5:
            out.append(rng.choice(" ,.:;!?'-"))
    return ["".join(out)[: max(1, 2 * 10**5)] or " "]


def slow(s):
    kept = [ch.lower() for ch in s if ch.isalnum()]
    return kept == kept[::-1]
