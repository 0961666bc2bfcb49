# Brute force for decode-ways: correct but too slow for the stress case (must time out).
def num_decodings(s):
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
