"""Input for simplify-path: paths up to 3000 characters of names, dots and repeated slashes."""


def generate(rng, size):
    parts = []
    length = 1
    limit = max(1, min(size * 20, 3000))
    while length < limit - 12:
        piece = rng.choice(["", ".", "..", "...", "a", "b_1", "..x", "dir" + str(rng.randint(0, 99))])
        parts.append(piece)
        length += len(piece) + 1
    return ["/" + "/".join(parts) + rng.choice(["", "/"])]


def slow(path):
    names = []
    for part in path.split("/"):
        if part == "..":
            names = names[:-1]
        elif part not in ("", "."):
            names = names + [part]
    return "/" + "/".join(names)
