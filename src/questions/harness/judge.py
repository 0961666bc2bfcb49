"""Compares what a solution produced with what was expected, outside the sandbox.

Reads one JSON payload on stdin:
  {"spec": {"kind", "compare", "tolerance", "check", "rules"}, "source": str | null,
   "cases": [{"index", "args", "expected", "result"}]}
where "result" is the driver's record for the case. Writes one JSON object on stdout:
  {"rules": [{"message", "broken", "where"}], "cases": [{"index", "ok", "reason", "actual", "expected"}]}

Only question code (check functions) runs here; the solution's output arrives as JSON data and is
only compared, never executed.
"""

import ast
import json
import math
import sys

sys.setrecursionlimit(10000)
SHOW = 8 * 1024


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {"$float"}:
            return float(value["$float"])
        if set(value) == {"$repr", "$type"}:
            return Opaque(value["$repr"], value["$type"])
        return {k: decode(v) for k, v in value.items()}
    return value


class Opaque:
    """An object the solution returned that JSON cannot hold (it equals nothing expected)."""

    def __init__(self, text, type_name):
        self.text = text
        self.type_name = type_name

    def __repr__(self):
        return self.text

    def __eq__(self, other):
        return False

    def __hash__(self):
        return hash(self.text)


def strict_equal(a, b):
    """Equality that tells True from 1 and None from 0; 2 and 2.0 are equal (JSON cannot tell)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) and math.isnan(a):
            return isinstance(b, float) and math.isnan(b)
        return a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(strict_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(strict_equal(a[k], b[k]) for k in a)
    return False


def type_tag(v):
    if isinstance(v, bool):
        return "bool"
    if v is None:
        return "none"
    if isinstance(v, (int, float)):
        return "number"
    return type(v).__name__


def sort_key(v):
    # Type first, so True and 1 never sort as the same item.
    return json.dumps(tag_types(v), sort_keys=True, default=repr)


def tag_types(v):
    if isinstance(v, list):
        return ["list", [tag_types(x) for x in v]]
    if isinstance(v, dict):
        return ["dict", {k: tag_types(x) for k, x in v.items()}]
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return [type_tag(v), repr(v)]
    return [type_tag(v), v if not isinstance(v, Opaque) else repr(v)]


def deep_sorted(value):
    if isinstance(value, list):
        return sorted((deep_sorted(v) for v in value), key=sort_key)
    if isinstance(value, dict):
        return {k: deep_sorted(v) for k, v in value.items()}
    return value


def close(a, b, tol):
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) and math.isnan(a):
            return isinstance(b, float) and math.isnan(b)
        return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y, tol) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k], tol) for k in a)
    return strict_equal(a, b)


CHECKS = {}


def custom_check(source):
    fn = CHECKS.get(source)
    if fn is None:
        scope = {}
        exec(compile(source, "<check>", "exec"), scope)
        fn = CHECKS[source] = scope["check"]
    return fn


def compare_values(spec, args, got, expected):
    mode = spec.get("compare", "exact")
    if mode == "exact":
        return strict_equal(got, expected)
    if mode == "unordered":
        return (
            isinstance(got, list)
            and isinstance(expected, list)
            and strict_equal(sorted(got, key=sort_key), sorted(expected, key=sort_key))
        )
    if mode == "unordered-deep":
        return strict_equal(deep_sorted(got), deep_sorted(expected))
    if mode == "float":
        return close(got, expected, spec.get("tolerance", 1e-6))
    if mode == "custom":
        return bool(custom_check(spec["check"])(args, got, expected))
    raise ValueError(f"unknown compare mode {mode!r}")


def lines(text):
    return [line.rstrip() for line in text.rstrip("\n").split("\n")]


def compare_script(spec, case, result):
    expected = case["expected"]
    reasons = []
    out, want = result.get("stdout", ""), expected.get("stdout", "")
    mode = spec.get("compare", "exact")
    if mode == "exact":
        same = lines(out) == lines(want)
    elif mode == "unordered":
        same = sorted(l.rstrip() for l in out.strip("\n").split("\n")) == sorted(
            l.rstrip() for l in want.strip("\n").split("\n")
        )
    elif mode == "json":
        try:
            same = json.loads(out) == json.loads(want)
        except ValueError:
            same = False
    elif mode == "custom":
        same = bool(custom_check(spec["check"])(case, out, want))
    else:
        raise ValueError(f"unknown compare mode {mode!r}")
    if not same:
        reasons.append("stdout differs")
    code, want_code = result.get("exitCode"), expected.get("exitCode", 0)
    if code != want_code:
        reasons.append(f"exit code {code}, expected {want_code}")
    want_err = expected.get("stderr")
    err = result.get("stderr", "")
    if want_err is False and err.strip():
        reasons.append("wrote to stderr, where nothing is expected")
    elif want_err is True and not err.strip():
        reasons.append("nothing on stderr (the prompt asks for a message there)")
    elif isinstance(want_err, str) and want_err not in err:
        reasons.append(f"stderr does not mention {want_err!r}")
    for path, content in (expected.get("files") or {}).items():
        actual = (result.get("files") or {}).get(path)
        if actual is None:
            reasons.append(f"{path} was not written")
        elif actual.rstrip("\n") != content.rstrip("\n"):
            reasons.append(f"{path} differs")
    for path in result.get("present") or []:
        reasons.append(f"{path} should not exist")
    for path, text in (expected.get("gzipped") or {}).items():
        got = (result.get("gzipped") or {}).get(path) or {"error": "was not written"}
        if "error" in got:
            reasons.append(f"{path} {got['error']}")
        elif got.get("text") != text:
            reasons.append(f"{path} holds different content once decompressed")
    for path, want_archive in (expected.get("archives") or {}).items():
        got = (result.get("archives") or {}).get(path) or {"error": "was not written"}
        if "error" in got:
            reasons.append(f"{path} {got['error']}")
            continue
        if want_archive.get("gzip") and not got.get("gzip"):
            reasons.append(f"{path} is not gzip-compressed")
        want_members = want_archive.get("members") or {}
        got_members = got.get("members") or {}
        missing = sorted(set(want_members) - set(got_members))
        extra = sorted(set(got_members) - set(want_members))
        changed = sorted(m for m in set(want_members) & set(got_members) if got_members[m] != want_members[m])
        repeated = got.get("repeated") or []
        for label, names in (
            ("is missing", missing),
            ("should not hold", extra),
            ("holds different content for", changed),
            ("holds more than one copy of", repeated),
        ):
            if names:
                reasons.append(f"{path} {label} {', '.join(names[:5])}{' …' if len(names) > 5 else ''}")
    if "requests" in expected and (result.get("requests") or []) != expected["requests"]:
        reasons.append("the requests made differ from the expected ones")
    return reasons


def show(value, raw=False):
    """Values as Python prints them; script output (raw) as it is."""
    try:
        text = value if raw else repr(value)
    except RecursionError:
        text = "(nested too deeply to show)"
    return text if len(text) <= SHOW else text[:SHOW] + f"… ({len(text) - SHOW} more characters)"


def judge_case(spec, case):
    result = case["result"]
    if result is None:
        return {"ok": False, "verdict": "error", "reason": "the run stopped before this case"}
    if result.get("timeout"):
        return {"ok": False, "verdict": "timeout", "reason": f"took longer than {spec.get('timeoutSeconds')} s"}
    if result.get("error"):
        return {"ok": False, "verdict": "error", "reason": result["error"]}
    if spec["kind"] == "script":
        reasons = compare_script(spec, case, result)
        actual = result.get("stdout", "")
        if result.get("exitCode") != 0:
            actual += f"\n(exit code {result.get('exitCode')})"
        return {
            "ok": not reasons,
            "verdict": "passed" if not reasons else "failed",
            "reason": "; ".join(reasons),
            "actual": show(actual, raw=True),
            "expected": show(case["expected"].get("stdout", ""), raw=True),
        }
    got = decode(result.get("got"))
    expected = decode(case["expected"])
    args = decode(case.get("args"))
    ok = compare_values(spec, args, got, expected)
    reason = ""
    if not ok and type_tag(got) != type_tag(expected) and spec.get("compare", "exact") == "exact":
        reason = f"returned a {type_tag(got)}, expected a {type_tag(expected)}"
    return {"ok": ok, "verdict": "passed" if ok else "failed", "reason": reason, "actual": show(got), "expected": show(expected)}


def check_rules(rules, source):
    if not rules:
        return []
    try:
        tree = ast.parse(source or "", "solution.py")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as err:
        return [{"message": rule["message"], "broken": False, "where": f"not checked: {type(err).__name__}"} for rule in rules]
    out = []
    for rule in rules:
        names = set(rule.get("names") or [])
        kind = rule["forbid"]
        where = None
        for node in ast.walk(tree):
            hit = False
            if kind == "import":
                if isinstance(node, ast.Import):
                    hit = any(a.name.split(".")[0] in names or a.name in names for a in node.names)
                elif isinstance(node, ast.ImportFrom):
                    mod = node.module or ""
                    hit = mod.split(".")[0] in names or mod in names
                elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
                    hit = True
            elif kind == "call" and isinstance(node, ast.Call):
                f = node.func
                hit = (isinstance(f, ast.Name) and f.id in names) or (isinstance(f, ast.Attribute) and f.attr in names)
            elif kind == "attribute" and isinstance(node, ast.Attribute):
                hit = node.attr in names
            elif kind == "name" and isinstance(node, ast.Name):
                hit = node.id in names
            if hit:
                where = f"line {getattr(node, 'lineno', '?')}"
                break
        out.append({"message": rule["message"], "broken": where is not None, "where": where or ""})
    return out


def main():
    payload = json.loads(sys.stdin.read())
    spec = payload["spec"]
    report = {"rules": check_rules(spec.get("rules"), payload.get("source")), "cases": []}
    for case in payload["cases"]:
        try:
            verdict = judge_case(spec, case)
        except Exception as err:  # a check that cannot read odd output: the case fails, the batch goes on
            verdict = {"ok": False, "verdict": "failed", "reason": f"the output could not be checked ({type(err).__name__}: {err})"[:500]}
        verdict["index"] = case["index"]
        report["cases"].append(verdict)
    sys.stdout.write(json.dumps(report, allow_nan=True, default=repr))


if __name__ == "__main__":
    main()
