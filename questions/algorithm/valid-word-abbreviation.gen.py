"""Input for valid-word-abbreviation at its limits: words of 20 letters, abbreviations of 10."""
import string


def generate(rng, size):
    n = max(1, min(size, 20))
    word = "".join(rng.choice("ab") for _ in range(n))
    # Abbreviate runs at random, then sometimes break it.
    out, i = [], 0
    while i < n:
        if rng.random() < 0.4:
            k = rng.randint(1, n - i)
            out.append(str(k))
            i += k
        else:
            out.append(word[i])
            i += 1
    abbr = "".join(out)
    r = rng.random()
    if r < 0.15:
        abbr = abbr.replace("1", "01", 1)
    elif r < 0.3:
        abbr = abbr + rng.choice("ab1")
    elif r < 0.45 and abbr:
        j = rng.randrange(len(abbr))
        abbr = abbr[:j] + rng.choice(string.digits[1:] + "ab") + abbr[j + 1:]
    return [word, abbr[:10] or "1"]


def slow(word, abbr):
    import re

    if re.search(r"(^|\D)0", abbr):
        return False
    pattern = "".join(".{%s}" % tok if tok.isdigit() else re.escape(tok) for tok in re.findall(r"\d+|\D", abbr))
    return re.fullmatch(pattern, word) is not None
