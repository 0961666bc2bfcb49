# Rule mutant for encode-and-decode-strings: round-trips correctly, but packs with json (the prompt forbids json/pickle/repr).
import json


def encode(strs):
    return json.dumps(strs)


def decode(s):
    return json.loads(s)


def roundtrip(strs):
    packed = encode(strs)
    return [packed, decode(packed)]
