def generate(rng, size):
    return [max(0, size)]


def slow(n):
    out = []
    for i in range(n + 1):
        ones = 0
        while i:
            ones += i & 1
            i >>= 1
        out.append(ones)
    return out
