"""Runs a solution against a batch of cases and reports what came out. Never sees expected values.

Started as `python3 -I -c <this source>`, inside the sandbox for a candidate's code and without
it for the bank's reference solutions. It reads one JSON payload on stdin:

  {"mode": "run" | "crosscheck",
   "spec": {"kind", "call" | "class", "argTypes", "returns", "inPlace", "prepare", "convert",
            "timeoutSeconds"},
   "solution": str, "generator": str | null, "limits": {...},
   "cases": [{"index", "args" | "init"+"ops" | "generate", "files", "stdin", "server", "collect",
              "emitInput"}],
   "crossCheck": {"sizes": [...], "seeds": n}}

and writes one JSON line per case on file descriptor 3 as each finishes, so the cases that did
finish survive when the solution kills the whole process. Comparison happens elsewhere (judge.py),
so the expected values never enter the process that runs untrusted code.
"""

import ast
import io
import json
import math
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

TEXT_CAP = 64 * 1024


class CaseTimeout(BaseException):
    """A BaseException, so a solution's `except Exception:` cannot swallow the timeout."""


class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

    def __repr__(self):
        return f"ListNode({self.val})"


class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right

    def __repr__(self):
        return f"TreeNode({self.val})"


class Node:
    """Graph node (adjacency list shape), as in clone-graph style problems."""

    def __init__(self, val=0, neighbors=None):
        self.val = val
        self.neighbors = neighbors if neighbors is not None else []


def build_list(values):
    head = None
    for v in reversed(values or []):
        head = ListNode(v, head)
    return head


def list_to_array(head, limit=1000000):
    out = []
    while head is not None and len(out) < limit:
        out.append(head.val)
        head = head.next
    return out


def build_tree(values):
    """Level-order list with None for gaps (LeetCode layout) -> TreeNode."""
    if not values or values[0] is None:
        return None
    root = TreeNode(values[0])
    queue = [root]
    i = 1
    qi = 0
    while i < len(values) and qi < len(queue):
        node = queue[qi]
        qi += 1
        if i < len(values) and values[i] is not None:
            node.left = TreeNode(values[i])
            queue.append(node.left)
        i += 1
        if i < len(values) and values[i] is not None:
            node.right = TreeNode(values[i])
            queue.append(node.right)
        i += 1
    return root


def tree_to_array(root):
    if root is None:
        return []
    out = []
    queue = [root]
    qi = 0
    while qi < len(queue):
        node = queue[qi]
        qi += 1
        if node is None:
            out.append(None)
            continue
        out.append(node.val)
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


def build_graph(adjacency):
    """1-indexed adjacency list [[2,4],[1,3],...] -> node 1 (or None)."""
    if not adjacency:
        return None
    nodes = [Node(i + 1) for i in range(len(adjacency))]
    for i, neighbors in enumerate(adjacency):
        nodes[i].neighbors = [nodes[j - 1] for j in neighbors]
    return nodes[0]


def graph_to_adjacency(node):
    if node is None:
        return []
    seen = {}
    stack = [node]
    while stack:
        cur = stack.pop()
        if cur.val in seen:
            continue
        seen[cur.val] = cur
        stack.extend(cur.neighbors)
    return [[n.val for n in seen[v].neighbors] for v in sorted(seen)]


CONVERT_IN = {
    "listnode": build_list,
    "listnodes": lambda lists: [build_list(v) for v in (lists or [])],
    "tree": build_tree,
    "graph": build_graph,
}
CONVERT_OUT = {
    "listnode": list_to_array,
    "tree": tree_to_array,
    "graph": graph_to_adjacency,
}

HELPERS = {
    "ListNode": ListNode,
    "TreeNode": TreeNode,
    "Node": Node,
    "build_list": build_list,
    "list_to_array": list_to_array,
    "build_tree": build_tree,
    "tree_to_array": tree_to_array,
    "build_graph": build_graph,
    "graph_to_adjacency": graph_to_adjacency,
}


def encode(value, depth=0):
    """Plain JSON with type tags where JSON has no word: non-finite floats and unknown objects."""
    if depth > 200:
        raise ValueError("the result is nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {"$float": "nan"}
        if math.isinf(value):
            return {"$float": "inf" if value > 0 else "-inf"}
        return value
    if isinstance(value, (list, tuple)):
        return [encode(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [encode(v, depth + 1) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, dict):
        return {str(k): encode(v, depth + 1) for k, v in value.items()}
    return {"$repr": repr(value)[:2000], "$type": type(value).__name__}


class Capture(io.TextIOBase):
    """Collects what a solution prints, up to a cap; the rest is counted, not kept."""

    def __init__(self, cap):
        self.parts = []
        self.size = 0
        self.dropped = 0
        self.cap = cap

    def writable(self):
        return True

    def write(self, s):
        s = str(s)
        room = self.cap - self.size
        if room > 0:
            self.parts.append(s[:room])
            self.size += min(len(s), room)
        self.dropped += max(0, len(s) - max(room, 0))
        return len(s)

    def text(self):
        out = "".join(self.parts)
        return out + (f"\n… {self.dropped} more characters not shown" if self.dropped else "")


def set_limits(limits):
    def cap(kind, value):
        if value is None:
            return
        try:
            soft, hard = resource.getrlimit(kind)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError):
            pass

    mb = 1024 * 1024
    cap(resource.RLIMIT_AS, limits.get("memoryMb") and limits["memoryMb"] * mb)
    cap(resource.RLIMIT_FSIZE, limits.get("fileSizeMb") and limits["fileSizeMb"] * mb)
    cap(resource.RLIMIT_NPROC, limits.get("processes"))
    cap(resource.RLIMIT_NOFILE, limits.get("openFiles"))
    cap(resource.RLIMIT_CPU, limits.get("cpuSeconds"))
    cap(resource.RLIMIT_CORE, 0)


def solution_traceback(limit_chars=3000):
    """The traceback from the solution's own frames on, without the harness's."""
    etype, evalue, tb = sys.exc_info()
    frames = traceback.extract_tb(tb)
    own = [f for f in frames if f.filename in ("solution.py", "<generator>", "<prepare>", "<convert>")]
    lines = ["Traceback (most recent call last):\n"] + traceback.format_list(own or frames[-1:])
    lines += traceback.format_exception_only(etype, evalue)
    return "".join(lines)[-limit_chars:]


def load_scope(source, filename="solution.py"):
    scope = dict(HELPERS)
    scope["__name__"] = "solution"
    scope["__builtins__"] = __builtins__
    exec(compile(source, filename, "exec"), scope)
    return scope


def load_hook(source, name, filename):
    if not source:
        return None
    scope = dict(HELPERS)
    exec(compile(source, filename, "exec"), scope)
    return scope.get(name)


def generated_input(payload, case):
    gen = case["generate"]
    scope = load_scope(payload["generator"], "<generator>")
    rng = random.Random(f"{gen.get('seed', 1)}")
    return scope["generate"](rng, gen["size"])


def alarm_handler(signum, frame):
    raise CaseTimeout()


def call_function(spec, scope, raw_args):
    fn = scope.get(spec["call"])
    if fn is None or not callable(fn):
        raise NameError(f"solution.py does not define {spec['call']}()")
    arg_types = spec.get("argTypes") or []
    args = []
    for i, a in enumerate(raw_args):
        kind = arg_types[i] if i < len(arg_types) else "json"
        args.append(CONVERT_IN[kind](a) if kind in CONVERT_IN else a)
    prepare = load_hook(spec.get("prepare"), "prepare", "<prepare>")
    if prepare is not None:
        args = list(prepare(args, scope))
    result = fn(*args)
    if spec.get("inPlace") is not None:
        # The function changes an argument in place and returns nothing: judge the argument.
        result = args[spec["inPlace"]]
    convert = load_hook(spec.get("convert"), "convert", "<convert>")
    if convert is not None:
        result = convert(result, raw_args)
    returns = spec.get("returns", "json")
    if returns in CONVERT_OUT:
        result = CONVERT_OUT[returns](result)
    return result


def call_design(spec, scope, case_input):
    cls = scope.get(spec["class"])
    if cls is None:
        raise NameError(f"solution.py does not define class {spec['class']}")
    obj = cls(*case_input.get("init", []))
    results = []
    for op in case_input["ops"]:
        name, op_args = op[0], op[1:]
        results.append(getattr(obj, name)(*op_args))
    return results


def run_in_process(payload, case, emit):
    """function and design kinds: the solution runs in this process, in a fresh namespace per case."""
    spec = payload["spec"]
    timeout = float(spec.get("timeoutSeconds") or 2)
    out, err = Capture(TEXT_CAP), Capture(TEXT_CAP)
    record = {"index": case["index"], "error": None, "timeout": False}
    real_out, real_err = sys.stdout, sys.stderr
    started = time.perf_counter()
    cpu0 = time.process_time()
    raw_input = None
    signal.signal(signal.SIGALRM, alarm_handler)
    try:
        # Generating a stress input is the harness's time, not the solution's.
        raw_input = generated_input(payload, case) if "generate" in case else (
            case["args"] if spec["kind"] == "function" else {"init": case.get("init", []), "ops": case["ops"]}
        )
        if case.get("emitInput"):
            record["input"] = encode(raw_input)
        call_input = json.loads(json.dumps(raw_input)) if case.get("emitInput") else raw_input
        started = time.perf_counter()
        cpu0 = time.process_time()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        sys.stdout, sys.stderr = out, err
        scope = load_scope(payload["solution"])
        if spec["kind"] == "function":
            got = call_function(spec, scope, call_input)
        else:
            got = call_design(spec, scope, call_input)
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdout, sys.stderr = real_out, real_err
        record["got"] = encode(got)
    except CaseTimeout:
        record["timeout"] = True
    except BaseException:  # a crashing solution is a failed case, never a crashed harness
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdout, sys.stderr = real_out, real_err
        record["error"] = solution_traceback()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdout, sys.stderr = real_out, real_err
    record["ms"] = round((time.perf_counter() - started) * 1000, 1)
    record["cpuMs"] = round((time.process_time() - cpu0) * 1000, 1)
    record["stdout"] = out.text()
    record["stderr"] = err.text()
    emit(record)


def read_archive(path):
    """A tar archive the script wrote, as data the judge can compare: its regular files' text."""
    import tarfile

    try:
        with open(path, "rb") as fh:
            gzip = fh.read(2) == b"\x1f\x8b"
        members = {}
        repeated = []
        with tarfile.open(path, "r:*") as tar:
            for m in tar.getmembers():
                if not m.isfile():
                    continue
                # tar keeps every copy of a name, and extracting writes them in turn: a stale copy
                # next to the new one is a wrong archive, not a detail.
                if m.name in members and m.name not in repeated:
                    repeated.append(m.name)
                if len(members) < 200:
                    members[m.name] = tar.extractfile(m).read(TEXT_CAP).decode("utf-8", errors="replace")
        return {"gzip": gzip, "members": members, "repeated": repeated}
    except FileNotFoundError:
        return {"error": "was not written"}
    except (OSError, tarfile.TarError, EOFError) as err:
        return {"error": f"is not a readable tar archive ({type(err).__name__})"}


def read_gzipped(path):
    """A file the script gzipped, as the text inside it."""
    import gzip
    import zlib

    try:
        with gzip.open(path, "rb") as fh:
            return {"text": fh.read(TEXT_CAP).decode("utf-8", errors="replace")}
    except FileNotFoundError:
        return {"error": "was not written"}
    except (OSError, EOFError, zlib.error) as err:
        return {"error": f"is not a readable gzip file ({type(err).__name__})"}


def write_fixtures(root, files):
    for rel, spec in (files or {}).items():
        path = os.path.normpath(os.path.join(root, rel))
        if not path.startswith(root + os.sep):
            raise ValueError(f"fixture path escapes the case directory: {rel}")
        parent = os.path.dirname(path)
        os.makedirs(parent, exist_ok=True)
        if isinstance(spec, str):
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(spec)
            continue
        if spec.get("dir"):
            os.makedirs(path, exist_ok=True)
            continue
        if "symlink" in spec:
            os.symlink(spec["symlink"], path)
            continue
        if "base64" in spec:
            import base64

            with open(path, "wb") as fh:
                fh.write(base64.b64decode(spec["base64"]))
        else:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(spec.get("content", ""))
        if spec.get("mode"):
            os.chmod(path, int(spec["mode"], 8))
        if spec.get("mtime"):
            from datetime import datetime

            t = datetime.fromisoformat(spec["mtime"].replace("Z", "+00:00")).timestamp()
            os.utime(path, (t, t))


def start_fixture_server(server):
    """A loopback HTTP API for one case: each route answers its responses in order, the last repeats."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    routes = {}
    for route in server.get("routes", []):
        key = (route.get("method", "GET").upper(), route["path"])
        routes[key] = {"responses": route.get("responses") or [{"status": 200, "body": ""}], "served": 0}
    requests = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(min(length, 1 << 20))
            with lock:
                requests.append(f"{self.command} {self.path}")
                route = routes.get((self.command, self.path))
                if route is None:
                    response = {"status": 404, "body": "not found"}
                else:
                    i = min(route["served"], len(route["responses"]) - 1)
                    route["served"] += 1
                    response = route["responses"][i]
            body = str(response.get("body", "")).encode("utf-8")
            self.send_response(int(response.get("status", 200)))
            for name, value in (response.get("headers") or {}).items():
                self.send_header(name, str(value))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd, requests


def read_capped(stream, cap, sink):
    total = 0
    while True:
        chunk = stream.read(65536)
        if not chunk:
            break
        if total < cap:
            sink.append(chunk[: cap - total])
        total += len(chunk)
    sink.append(total)


def run_script_case(payload, case, root, emit):
    spec = payload["spec"]
    timeout = float(spec.get("timeoutSeconds") or 5)
    record = {"index": case["index"], "error": None, "timeout": False}
    case_dir = tempfile.mkdtemp(prefix="case-", dir=root)
    started = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    httpd = None
    try:
        case_input = generated_input(payload, case) if "generate" in case else case
        started = time.perf_counter()
        write_fixtures(case_dir, case_input.get("files"))
        with open(os.path.join(case_dir, "solution.py"), "w", encoding="utf-8") as fh:
            fh.write(payload["solution"])
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": case_dir,
            "LANG": "C.UTF-8",
            "PYTHONIOENCODING": "utf-8",
            "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),
        }
        args = [str(a) for a in case_input.get("args", [])]
        requests = None
        if case_input.get("server"):
            httpd, requests = start_fixture_server(case_input["server"])
            url = f"http://127.0.0.1:{httpd.server_address[1]}"
            env["API_URL"] = url
            args = [a.replace("{API_URL}", url) for a in args]
        proc = subprocess.Popen(
            [sys.executable, "solution.py", *args],
            cwd=case_dir,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )
        out_parts, err_parts = [], []
        readers = [
            threading.Thread(target=read_capped, args=(proc.stdout, TEXT_CAP * 4, out_parts), daemon=True),
            threading.Thread(target=read_capped, args=(proc.stderr, TEXT_CAP, err_parts), daemon=True),
        ]
        for t in readers:
            t.start()
        try:
            proc.stdin.write((case_input.get("stdin") or "").encode("utf-8"))
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            record["timeout"] = True
        # Whatever the script started goes with it.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()
        for t in readers:
            t.join(timeout=2)

        def text(parts):
            if not parts:
                return ""
            total = parts[-1] if isinstance(parts[-1], int) else 0
            data = b"".join(p for p in parts if isinstance(p, bytes))
            s = data.decode("utf-8", errors="replace")
            return s + (f"\n… {total - len(data)} more bytes not shown" if total > len(data) else "")

        record["stdout"] = text(out_parts)
        record["stderr"] = text(err_parts)
        record["exitCode"] = proc.returncode
        collect = case.get("collect") or {}
        files = {}
        for rel in collect.get("files", []):
            try:
                with open(os.path.join(case_dir, rel), encoding="utf-8", errors="replace") as fh:
                    files[rel] = fh.read(TEXT_CAP * 4)
            except OSError:
                files[rel] = None
        record["files"] = files
        record["present"] = [rel for rel in collect.get("absent", []) if os.path.lexists(os.path.join(case_dir, rel))]
        if collect.get("gzipped"):
            record["gzipped"] = {rel: read_gzipped(os.path.join(case_dir, rel)) for rel in collect["gzipped"]}
        if collect.get("archives"):
            record["archives"] = {rel: read_archive(os.path.join(case_dir, rel)) for rel in collect["archives"]}
        if requests is not None:
            record["requests"] = list(requests)
        if case.get("emitInput"):
            record["input"] = encode(case_input)
    except BaseException:
        record["error"] = solution_traceback()
    finally:
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        shutil.rmtree(case_dir, ignore_errors=True)
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    record["ms"] = round((time.perf_counter() - started) * 1000, 1)
    record["cpuMs"] = round(((cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)) * 1000, 1)
    emit(record)


def crosscheck(payload, emit):
    """Reference against the generator's slow solution on small generated inputs (trusted code only)."""
    spec = payload["spec"]
    gen_scope = load_scope(payload["generator"], "<generator>")
    check = payload.get("crossCheck") or {}
    index = 0
    for size in check.get("sizes", [1, 2, 3, 5, 8, 20]):
        for seed in range(1, int(check.get("seeds", 5)) + 1):
            rng = random.Random(f"cross-{size}-{seed}")
            raw = gen_scope["generate"](rng, size)
            record = {"index": index, "size": size, "seed": seed, "input": encode(raw), "error": None}
            try:
                if spec["kind"] == "function":
                    record["got"] = encode(call_function(spec, load_scope(payload["solution"]), json.loads(json.dumps(raw))))
                    slow_spec = dict(spec, call="slow")
                    record["expected"] = encode(call_function(slow_spec, load_scope(payload["generator"], "<generator>"), json.loads(json.dumps(raw))))
                elif spec["kind"] == "design":
                    record["got"] = encode(call_design(spec, load_scope(payload["solution"]), raw))
                    slow_spec = dict(spec, **{"class": "Slow"})
                    record["expected"] = encode(call_design(slow_spec, load_scope(payload["generator"], "<generator>"), raw))
                else:
                    raise ValueError("crossCheck needs a function or design question")
            except BaseException:
                record["error"] = traceback.format_exc(limit=4)[-3000:]
            emit(record)
            index += 1


def die_with_parent():
    """Linux: SIGKILL this process when its parent dies, so an orphaned run never lingers."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def main():
    die_with_parent()
    parent = os.getppid()
    # The channel moves off fd 3, out of the solution's way: a solution that closes or writes
    # fd 3 only spoils its own run.
    real_fd = os.dup(3)
    os.close(3)
    channel = os.fdopen(real_fd, "w", encoding="utf-8")
    payload = json.loads(sys.stdin.read())
    if not payload.get("reap") and os.getppid() != parent:
        os._exit(1)  # the parent died before the death signal was armed
    # Threads' stacks count against the address-space limit: 2 MB each instead of 8 lets a
    # solution start a few hundred.
    threading.stack_size(2 * 1024 * 1024)
    set_limits(payload.get("limits") or {})
    root = os.getcwd()

    def emit(record):
        try:
            line = json.dumps(record, allow_nan=False)
        except (ValueError, TypeError, RecursionError):
            line = json.dumps({"index": record.get("index"), "error": "the result could not be encoded as JSON", "timeout": False})
        channel.write(line + "\n")
        channel.flush()

    if payload.get("mode") == "crosscheck":
        crosscheck(payload, emit)
        return
    kind = payload["spec"]["kind"]
    for case in payload["cases"]:
        if kind == "script":
            run_script_case(payload, case, root, emit)
        else:
            run_in_process(payload, case, emit)
        if payload.get("reap"):
            reap()
    channel.close()
    if payload.get("reap"):
        # Nothing a case started outlives the run (the pid namespace ends with us anyway).
        os._exit(0)


def reap():
    """Inside the sandbox's own pid namespace only: end every process but ours and the namespace's init."""
    me = os.getpid()
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) not in (1, me):
            try:
                os.kill(int(name), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


if __name__ == "__main__":
    main()
