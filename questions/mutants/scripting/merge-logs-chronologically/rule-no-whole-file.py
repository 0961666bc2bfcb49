# Correct output, but loads every file with readlines() instead of streaming it (breaks the no-whole-file rule).
import heapq
import sys
from datetime import datetime
from itertools import count


def parse_ts(token):
    if not token[:4].isdigit() or "T" not in token:
        return None
    try:
        stamp = datetime.fromisoformat(token.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else None


def entries(fh, name, index):
    seq = count()
    current = None
    for raw in fh.readlines():
        line = raw.rstrip("\n")
        first = line.split(" ", 1)[0]
        stamp = parse_ts(first)
        if stamp is not None:
            if current is not None:
                yield current
            current = (stamp, index, next(seq), [line])
        elif current is not None:
            current[3].append(line)
        elif line.strip():
            print(f"{name}: dropping line before first entry: {line!r}", file=sys.stderr)
    if current is not None:
        yield current


def main(argv):
    names = argv[1:]
    if not names:
        print("usage: solution.py FILE [FILE ...]", file=sys.stderr)
        return 2
    handles = []
    for name in names:
        try:
            handles.append(open(name, encoding="utf-8", errors="replace"))
        except OSError as exc:
            print(f"cannot open {name}: {exc}", file=sys.stderr)
            for fh in handles:
                fh.close()
            return 2
    try:
        streams = [entries(fh, name, i) for i, (fh, name) in enumerate(zip(handles, names))]
        for _stamp, index, _seq, lines in heapq.merge(*streams):
            for line in lines:
                print(f"[{names[index]}] {line}")
    finally:
        for fh in handles:
            fh.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
