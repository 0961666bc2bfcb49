# Breaks the rule: correct count from bin(n).count("1").
def hamming_weight(n):
    return bin(n).count("1")
