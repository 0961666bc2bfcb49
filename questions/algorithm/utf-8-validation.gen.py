"""Input for utf-8-validation: 2 * 10^4 bytes of mixed characters, sometimes corrupted."""


def generate(rng, size):
    out = []
    while len(out) < max(1, size):
        k = rng.choice([1, 1, 2, 3, 4])
        if k == 1:
            out.append(rng.randint(0, 127))
        else:
            lead = {2: 0b11000000, 3: 0b11100000, 4: 0b11110000}[k] | rng.randint(0, (1 << (7 - k)) - 1)
            out.append(lead)
            out += [0b10000000 | rng.randint(0, 63) for _ in range(k - 1)]
    if rng.random() < 0.5:
        out[rng.randrange(len(out))] = rng.randint(0, 255)
    return [out]


def slow(data):
    i = 0
    while i < len(data):
        b = data[i]
        text = format(b, "08b")
        k = len(text) - len(text.lstrip("1"))
        if k == 0:
            i += 1
            continue
        if k == 1 or k > 4:
            return False
        if i + k > len(data) or any(format(x, "08b")[:2] != "10" for x in data[i + 1:i + k]):
            return False
        i += k
    return True
