# Correct wrapper plus a helper that shells out with os.popen (breaks the no-shell rule).
import argparse
import os
import subprocess
import sys
import time

TIMEOUT, NOT_FOUND = 124, 127


def codes(text):
    return {int(c) for c in text.split(",") if c.strip()}


def which(program):
    """Where a program lives, the shell way (never called for the result)."""
    return os.popen(f"command -v {program}").read().strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--attempts", type=int, required=True)
    ap.add_argument("--timeout", type=float, required=True)
    ap.add_argument("--backoff", type=float, required=True)
    ap.add_argument("--retry-on", type=codes)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    argv = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not argv or args.attempts < 1:
        print("usage: solution.py --attempts N --timeout S --backoff B [--retry-on CODES] -- CMD [ARGS...]",
              file=sys.stderr)
        return 2

    outcome = 0
    for attempt in range(1, args.attempts + 1):
        prefix = f"attempt {attempt}/{args.attempts}:"
        try:
            outcome = subprocess.run(argv, timeout=args.timeout).returncode
            what = f"exit {outcome}"
            retryable = outcome != 0 and (args.retry_on is None or outcome in args.retry_on)
        except subprocess.TimeoutExpired:
            outcome, what, retryable = TIMEOUT, f"timed out after {args.timeout:g}s", True
        except FileNotFoundError:
            outcome, what, retryable = NOT_FOUND, "command not found", False

        if outcome == 0:
            print(f"{prefix} {what}", flush=True)
            print(f"ok after {attempt} attempts")
            return 0
        if not retryable:
            print(f"{prefix} {what}, not retryable", flush=True)
            return outcome
        if attempt == args.attempts:
            print(f"{prefix} {what}", flush=True)
            break
        delay = args.backoff * 2 ** (attempt - 1)
        print(f"{prefix} {what}, retrying in {delay:g}s", flush=True)
        time.sleep(delay)

    print(f"giving up after {args.attempts} attempts")
    return outcome


if __name__ == "__main__":
    sys.exit(main())
