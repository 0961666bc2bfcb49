"""Stress input for word-break-ii: 20 letters with many ways to split (but at most 10^5)."""


def generate(rng, size):
    n = max(1, min(size, 20))
    if size > 20:
        return ["a" * 19, ["a", "aa", "aaa", "b", "ab"]]  # 66,012 sentences
    s = "".join(rng.choice("ab") for _ in range(n))
    words = sorted({"".join(rng.choice("ab") for _ in range(rng.randint(1, 3))) for _ in range(4)})
    return [s, words]


def slow(s, word_dict):
    words = set(word_dict)
    out = []

    def go(i, path):
        if i == len(s):
            out.append(" ".join(path))
            return
        for j in range(i + 1, len(s) + 1):
            if s[i:j] in words:
                go(j, path + [s[i:j]])

    go(0, [])
    return out
