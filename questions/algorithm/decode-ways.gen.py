def generate(rng, size):
    """Chunks of "11" (two readings each) kept apart by a "9": the count is 2^(number of chunks),
    so it stays within 32 bits while a recursion without memory visits every reading. Small
    sizes add zeros and other digits so invalid pieces come up too."""
    if size < 50:
        return ["".join(rng.choice("0112223456789") for _ in range(max(1, size)))]
    chunks = min(30, size // 3)
    return ["119" * chunks + "7" * (size - 3 * chunks)]


def slow(s):
    """Try one digit and two digits at every position, without remembering anything."""
    def count(i):
        if i == len(s):
            return 1
        if s[i] == "0":
            return 0
        total = count(i + 1)
        if i + 1 < len(s) and 10 <= int(s[i:i + 2]) <= 26:
            total += count(i + 2)
        return total
    return count(0)
