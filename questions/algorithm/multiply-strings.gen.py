"""Input for multiply-strings at its limits: two numbers of up to 200 digits."""


def _number(rng, digits):
    if digits == 1 and rng.random() < 0.2:
        return "0"
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(digits - 1))


def generate(rng, size):
    a = _number(rng, rng.randint(1, max(1, min(size, 200))))
    b = _number(rng, max(1, min(size, 200)))
    return [a, b]


def slow(num1, num2):
    # Python integers are exact: fine for the trusted oracle (the candidate may not call int()).
    return str(int(num1) * int(num2))
