# Rule mutant for design-hashmap: correct, but stores everything in a Python dict (the prompt forbids dict and set).
class MyHashMap:
    def __init__(self):
        self.data = dict()

    def put(self, key, value):
        self.data[key] = value

    def get(self, key):
        return self.data.get(key, -1)

    def remove(self, key):
        self.data.pop(key, None)
