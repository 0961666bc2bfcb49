"""Input for valid-parentheses at its limit: 10^4 brackets, often balanced."""


def generate(rng, size):
    pairs = {"(": ")", "[": "]", "{": "}"}
    out, stack = [], []
    for _ in range(max(1, size)):
        if stack and (rng.random() < 0.5 or len(out) + len(stack) >= size):
            out.append(pairs[stack.pop()])
        else:
            ch = rng.choice("([{")
            stack.append(ch)
            out.append(ch)
    out += [pairs[ch] for ch in reversed(stack)]
    if rng.random() < 0.5:
        i = rng.randrange(len(out))
        out[i] = rng.choice("()[]{}")
    return ["".join(out[: max(1, 10**4)])]


def slow(s):
    prev = None
    while prev != s:
        prev = s
        s = s.replace("()", "").replace("[]", "").replace("{}", "")
    return s == ""
