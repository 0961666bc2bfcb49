"""Runs one test case of a question's reference (or candidate) solution.

Usage: python3 driver.py SPEC_JSON RESULT_JSON
The working directory is a fresh temporary directory that already holds the
case's fixture files and solution.py. The result file gets one JSON object:
{"ok": bool, "got": ..., "expected": ..., "error": str | None}.
Results go to a file rather than stdout because solutions may print.
"""
import json
import math
import subprocess
import sys
import traceback


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


def list_to_array(head, limit=100000):
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


def normalise(value):
    """Tuples and sets become lists so results compare like JSON."""
    if isinstance(value, tuple):
        return [normalise(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((normalise(v) for v in value), key=_sort_key)
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in value.items()}
    return value


def _sort_key(v):
    return json.dumps(v, sort_keys=True, default=str)


def deep_sorted(value):
    if isinstance(value, list):
        return sorted((deep_sorted(v) for v in value), key=_sort_key)
    if isinstance(value, dict):
        return {k: deep_sorted(v) for k, v in value.items()}
    return value


def close(a, b, tol):
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) and math.isnan(a):
            return isinstance(b, float) and math.isnan(b)
        return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y, tol) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k], tol) for k in a)
    return a == b


def compare(spec, args, got, expected):
    mode = spec.get("compare", "exact")
    if mode == "exact":
        return got == expected
    if mode == "unordered":
        return isinstance(got, list) and isinstance(expected, list) and sorted(got, key=_sort_key) == sorted(expected, key=_sort_key)
    if mode == "unordered-deep":
        return deep_sorted(got) == deep_sorted(expected)
    if mode == "float":
        return close(got, expected, spec.get("tolerance", 1e-6))
    if mode == "custom":
        scope = dict(HELPERS)
        exec(spec["check"], scope)
        return bool(scope["check"](args, got, expected))
    raise ValueError(f"unknown compare mode {mode!r}")


def load_solution():
    scope = dict(HELPERS)
    scope["__name__"] = "solution"
    with open("solution.py", encoding="utf-8") as fh:
        source = fh.read()
    exec(compile(source, "solution.py", "exec"), scope)
    return scope


def run_function(spec, case):
    scope = load_solution()
    fn = scope.get(spec["call"])
    if fn is None:
        raise NameError(f"solution.py does not define {spec['call']}()")
    arg_types = spec.get("argTypes") or []
    raw_args = case["args"]
    args = []
    for i, a in enumerate(raw_args):
        kind = arg_types[i] if i < len(arg_types) else "json"
        args.append(CONVERT_IN[kind](a) if kind in CONVERT_IN else a)
    result = fn(*args)
    if spec.get("inPlace") is not None:
        # The function mutates an argument and returns nothing: judge the argument.
        result = args[spec["inPlace"]]
    returns = spec.get("returns", "json")
    if returns in CONVERT_OUT:
        result = CONVERT_OUT[returns](result)
    return raw_args, normalise(result), case["expected"]


def run_design(spec, case):
    scope = load_solution()
    cls = scope.get(spec["class"])
    if cls is None:
        raise NameError(f"solution.py does not define class {spec['class']}")
    obj = cls(*case.get("init", []))
    results = []
    for op in case["ops"]:
        name, op_args = op[0], op[1:]
        results.append(normalise(getattr(obj, name)(*op_args)))
    return case["ops"], results, case["expected"]


def run_script(spec, case):
    proc = subprocess.run(
        [sys.executable, "solution.py", *case.get("args", [])],
        input=case.get("stdin", ""),
        capture_output=True,
        text=True,
        timeout=spec.get("timeoutSeconds", 10),
    )
    expected = case["expected"]
    got = {"stdout": proc.stdout, "exitCode": proc.returncode}
    want = {"stdout": expected.get("stdout", ""), "exitCode": expected.get("exitCode", 0)}
    mode = spec.get("compare", "exact")
    out_a, out_b = got["stdout"], want["stdout"]
    if mode == "exact":
        same = [l.rstrip() for l in out_a.rstrip("\n").split("\n")] == [l.rstrip() for l in out_b.rstrip("\n").split("\n")]
    elif mode == "unordered":
        same = sorted(l.rstrip() for l in out_a.strip("\n").split("\n")) == sorted(l.rstrip() for l in out_b.strip("\n").split("\n"))
    elif mode == "json":
        try:
            same = json.loads(out_a) == json.loads(out_b)
        except ValueError:
            same = False
    elif mode == "custom":
        scope = {}
        exec(spec["check"], scope)
        same = bool(scope["check"](case, out_a, out_b))
    else:
        raise ValueError(f"unknown compare mode {mode!r}")
    ok = same and got["exitCode"] == want["exitCode"]
    for path, content in (expected.get("files") or {}).items():
        try:
            with open(path, encoding="utf-8") as fh:
                actual = fh.read()
        except OSError:
            actual = None
        got.setdefault("files", {})[path] = actual
        if actual is None or actual.rstrip("\n") != content.rstrip("\n"):
            ok = False
    for path in expected.get("absent") or []:
        import os
        if os.path.exists(path):
            got.setdefault("present", []).append(path)
            ok = False
    if not ok and proc.stderr:
        got["stderr"] = proc.stderr[-2000:]
    return ok, got, want


def main():
    spec_path, result_path = sys.argv[1], sys.argv[2]
    with open(spec_path, encoding="utf-8") as fh:
        payload = json.load(fh)
    spec, case = payload["harness"], payload["case"]
    result = {"ok": False, "got": None, "expected": case.get("expected"), "error": None}
    try:
        kind = spec["kind"]
        if kind == "script":
            ok, got, want = run_script(spec, case)
            result.update(ok=ok, got=got, expected=want)
        else:
            runner = run_function if kind == "function" else run_design
            args, got, expected = runner(spec, case)
            result.update(ok=compare(spec, args, got, expected), got=got, expected=expected)
    except subprocess.TimeoutExpired:
        result["error"] = "timed out"
    except BaseException:  # a crashing solution is a failed case, never a crashed harness
        result["error"] = traceback.format_exc(limit=4)[-3000:]
    with open(result_path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, default=repr)


if __name__ == "__main__":
    main()
