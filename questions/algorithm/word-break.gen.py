"""Stress input for word-break: 300 letters that almost split (the classic a...ab trap)."""


def generate(rng, size):
    n = max(1, min(size, 300))
    if size > 20:
        return ["a" * (n - 1) + "b", ["a" * k for k in range(1, 21)]]
    s = "".join(rng.choice("ab") for _ in range(n))
    words = sorted({"".join(rng.choice("ab") for _ in range(rng.randint(1, 3))) for _ in range(3)})
    return [s, words]


def slow(s, word_dict):
    words = set(word_dict)
    ok = [True] + [False] * len(s)
    for i in range(1, len(s) + 1):
        ok[i] = any(ok[j] and s[j:i] in words for j in range(i))
    return ok[-1]
