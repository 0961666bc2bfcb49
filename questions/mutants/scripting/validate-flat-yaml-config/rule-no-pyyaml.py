# Imports PyYAML when available (breaks the no-PyYAML rule); the hand-written parser still does the work.
import re

try:  # reaches for PyYAML when it happens to be installed
    import yaml  # noqa: F401
except ImportError:
    yaml = None
import sys

LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(?:\s+(.*))?$")
INT = re.compile(r"^-?\d+$")
# key, type, required, check
RULES = [
    ("service", str, True, "nonempty"),
    ("port", int, True, (1, 65535)),
    ("replicas", int, True, (1, None)),
    ("debug", bool, True, None),
    ("log_level", str, True, ("debug", "info", "warning", "error")),
    ("owner", str, False, None),
]
KNOWN = {r[0] for r in RULES}


def scalar(raw):
    raw = (raw or "").strip()
    if raw[:1] in ("'", '"'):
        end = raw.find(raw[0], 1)
        if end == -1:
            raise ValueError
        rest = raw[end + 1:].strip()
        if rest and not rest.startswith("#"):
            raise ValueError
        return raw[1:end]
    if raw.startswith("#"):
        raw = ""
    raw = raw.split(" #", 1)[0].rstrip()
    if raw == "":
        return None
    if raw in ("true", "false"):
        return raw == "true"
    if INT.match(raw):
        return int(raw)
    return raw


def tname(v):
    return "null" if v is None else type(v).__name__


def main(argv):
    path = argv[1]
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as exc:
        print(f"cannot read {path}: {exc}", file=sys.stderr)
        return 2
    values, errors = {}, []
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = LINE.match(line)
        try:
            if not m:
                raise ValueError
            value = scalar(m.group(2))
        except ValueError:
            errors.append(f"line {no}: cannot parse")
            continue
        key = m.group(1)
        if key not in KNOWN:
            errors.append(f"line {no}: unknown key '{key}'")
        elif key in values:
            errors.append(f"line {no}: duplicate key '{key}' (first on line {values[key][1]})")
        else:
            values[key] = (value, no)
    for key, typ, required, check in RULES:
        if key not in values:
            if required:
                errors.append(f"{key}: missing required key")
            continue
        v = values[key][0]
        if type(v) is not typ:
            errors.append(f"{key}: expected {typ.__name__}, got {tname(v)}")
        elif check == "nonempty" and v == "":
            errors.append(f"{key}: must not be empty")
        elif isinstance(check, tuple) and typ is int:
            lo, hi = check
            if lo is not None and v < lo:
                errors.append(f"{key}: {v} is below the minimum {lo}")
            elif hi is not None and v > hi:
                errors.append(f"{key}: {v} is above the maximum {hi}")
        elif isinstance(check, tuple) and v not in check:
            errors.append(f"{key}: must be one of {', '.join(check)} (got '{v}')")
    if not errors:
        print(f"OK: {path}")
        return 0
    for e in errors:
        print(e)
    print(f"{len(errors)} error{'s' if len(errors) != 1 else ''}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
