# Rule mutant for add-strings: correct sum, but converts the whole strings with int() (the prompt forbids it).
def add_strings(num1, num2):
    return str(int(num1) + int(num2))
