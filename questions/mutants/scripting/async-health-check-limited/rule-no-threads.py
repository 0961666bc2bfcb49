# Correct asyncio code plus an import of threading (breaks the asyncio-only rule).
import argparse
import asyncio
import threading
import json
import sys


class Transient(Exception):
    pass


async def run(urls, endpoints, k, timeout):
    sem = asyncio.Semaphore(k)
    state = {"in_flight": 0, "peak": 0}

    async def attempt(url, n):
        plan = endpoints.get(url)
        if not plan:
            raise Transient("unknown host")
        spec = plan[min(n, len(plan) - 1)]
        async with sem:
            state["in_flight"] += 1
            state["peak"] = max(state["peak"], state["in_flight"])
            try:
                if "error" in spec:
                    raise Transient(spec["error"])
                try:
                    await asyncio.wait_for(asyncio.sleep(float(spec["latency"])), timeout)
                except asyncio.TimeoutError:
                    raise Transient("timeout")
                return int(spec["status"])
            finally:
                state["in_flight"] -= 1

    async def check(url):
        reason = ""
        for n in range(2):
            try:
                status = await attempt(url, n)
            except Transient as exc:
                reason = str(exc)
                continue
            if 200 <= status < 300:
                return f"{url} OK {status} (attempts: {n + 1})", True
            reason = str(status)
            if not 500 <= status < 600:
                return f"{url} FAIL {reason} (attempts: {n + 1})", False
        return f"{url} FAIL {reason} (attempts: 2)", False

    results = await asyncio.gather(*(check(u) for u in urls))
    return results, state["peak"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("urls")
    ap.add_argument("endpoints")
    ap.add_argument("--concurrency", type=int, required=True)
    ap.add_argument("--timeout", type=float, required=True)
    args = ap.parse_args()
    try:
        with open(args.urls, encoding="utf-8") as fh:
            urls = [l.strip() for l in fh if l.strip()]
        with open(args.endpoints, encoding="utf-8") as fh:
            endpoints = json.load(fh)
    except (OSError, ValueError) as exc:
        print(f"cannot load input: {exc}", file=sys.stderr)
        return 2
    results, peak = asyncio.run(run(urls, endpoints, max(1, args.concurrency), args.timeout))
    ok = sum(1 for _, good in results if good)
    for line, _ in results:
        print(line)
    print(f"ok={ok} fail={len(results) - ok} peak in-flight: {peak}")
    return 0 if ok == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
