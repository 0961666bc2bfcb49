def generate(rng, size):
    """Small sizes: mostly one letter, sometimes with one letter of s3 flipped. Large sizes: two
    runs of "a" and a target that only differs in its last letter, so backtracking without
    memory tries every interleaving before it fails."""
    n = max(0, size)
    if n >= 50:
        return ["a" * n, "a" * n, "a" * (2 * n - 1) + "b"]
    s1 = "".join(rng.choice("aaab") for _ in range(n))
    s2 = "".join(rng.choice("aaab") for _ in range(n))
    merged, i, j = [], 0, 0
    while i < len(s1) or j < len(s2):
        if j == len(s2) or (i < len(s1) and rng.random() < 0.5):
            merged.append(s1[i]); i += 1
        else:
            merged.append(s2[j]); j += 1
    s3 = "".join(merged)
    if s3 and rng.random() < 0.5:
        k = rng.randrange(len(s3))
        s3 = s3[:k] + ("b" if s3[k] == "a" else "a") + s3[k + 1:]
    return [s1, s2, s3]


def slow(s1, s2, s3):
    """Backtracking without memory."""
    if len(s1) + len(s2) != len(s3):
        return False

    def go(i, j):
        if i == len(s1) and j == len(s2):
            return True
        k = i + j
        if i < len(s1) and s1[i] == s3[k] and go(i + 1, j):
            return True
        return j < len(s2) and s2[j] == s3[k] and go(i, j + 1)

    return go(0, 0)
