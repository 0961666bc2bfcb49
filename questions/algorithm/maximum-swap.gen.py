"""Input for maximum-swap: a number up to 10^8."""


def generate(rng, size):
    digits = max(1, min(size, 9))
    if digits == 9:
        return [rng.choice([10**8, rng.randint(10**7, 10**8)])]
    return [rng.randint(0, 10**digits - 1)]


def slow(num):
    s = list(str(num))
    best = num
    for i in range(len(s)):
        for j in range(i + 1, len(s)):
            t = s[:]
            t[i], t[j] = t[j], t[i]
            best = max(best, int("".join(t)))
    return best
