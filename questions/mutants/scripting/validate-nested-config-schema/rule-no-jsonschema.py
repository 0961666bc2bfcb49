# Imports jsonschema when available (breaks the no-jsonschema rule); the hand-written validator still does the work.
import json

try:  # reaches for jsonschema when it happens to be installed
    import jsonschema  # noqa: F401
except ImportError:
    jsonschema = None
import re
import sys


def jtype(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def type_ok(v, want):
    got = jtype(v)
    return got == want or (want == "number" and got == "integer")


def validate(v, s, path, errors):
    want = s.get("type")
    if want and not type_ok(v, want):
        errors.append(f"{path}: expected {want}, got {jtype(v)}")
        return
    if isinstance(v, dict):
        props = s.get("properties", {})
        for k in s.get("required", []):
            if k not in v:
                errors.append(f'{path}: missing required key "{k}"')
        if s.get("additionalProperties") is False:
            for k in sorted(set(v) - set(props)):
                errors.append(f'{path}: unexpected key "{k}"')
        for k, sub in props.items():
            if k in v:
                validate(v[k], sub, f"{path}.{k}", errors)
        return
    if isinstance(v, list):
        n = s.get("minItems")
        if n is not None and len(v) < n:
            errors.append(f"{path}: expected at least {n} item(s), got {len(v)}")
        if "items" in s:
            for i, item in enumerate(v):
                validate(item, s["items"], f"{path}[{i}]", errors)
        return
    shown = json.dumps(v)
    if "enum" in s and v not in s["enum"]:
        errors.append(f"{path}: {shown} is not one of {json.dumps(s['enum'])}")
    if "pattern" in s and isinstance(v, str) and not re.search(s["pattern"], v):
        errors.append(f'{path}: {shown} does not match "{s["pattern"]}"')
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if "minimum" in s and v < s["minimum"]:
            errors.append(f"{path}: {shown} is less than minimum {s['minimum']}")
        if "maximum" in s and v > s["maximum"]:
            errors.append(f"{path}: {shown} is greater than maximum {s['maximum']}")


def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def main(argv):
    try:
        config, schema = load(argv[1]), load(argv[2])
    except (OSError, ValueError) as exc:
        print(f"cannot load input: {exc}", file=sys.stderr)
        return 2
    errors = []
    validate(config, schema, "$", errors)
    if not errors:
        print("OK")
        return 0
    for e in errors:
        print(e)
    print(f"{len(errors)} error{'s' if len(errors) != 1 else ''}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
