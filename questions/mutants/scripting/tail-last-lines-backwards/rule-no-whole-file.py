# Correct output, but reads the whole file with readlines() instead of blocks from the end (breaks the no-whole-file rule).
import argparse
import os
import sys


def tail(path, n, block):
    if n == 0:
        return []
    with open(path, "rb") as fh:
        return [line.rstrip(b"\n") for line in fh.readlines()[-n:]]
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        pos = fh.tell()
        buf = b""
        while pos > 0:
            step = min(block, pos)
            pos -= step
            fh.seek(pos)
            buf = fh.read(step) + buf
            breaks = buf.count(b"\n") - (1 if buf.endswith(b"\n") else 0)
            if breaks >= n:
                break
    if not buf:
        return []
    lines = buf.split(b"\n")
    if buf.endswith(b"\n"):
        lines.pop()
    return lines[-n:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("n", type=int)
    ap.add_argument("--block-size", type=int, default=4096)
    args = ap.parse_args()
    if args.n < 0 or args.block_size < 1:
        print("N must be >= 0 and block size >= 1", file=sys.stderr)
        return 2
    try:
        lines = tail(args.file, args.n, args.block_size)
    except OSError as exc:
        print(f"cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout.buffer
    for line in lines:
        out.write(line + b"\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
