"""Checks each question's starter code against what its harness calls (parsed, never run).

Reads a JSON list on stdin: [{"id", "kind", "call" | "class", "arities": [n, ...], "initArities": [...],
"methods": [...], "starter"}]. Writes a JSON list of {"id", "reason"} problems on stdout.
"""

import ast
import json
import sys


def positional_range(fn):
    args = fn.args
    params = [a for a in args.posonlyargs + args.args]
    if params and params[0].arg in ("self", "cls") and getattr(fn, "_is_method", False):
        params = params[1:]
    required = len(params) - len(args.defaults)
    most = float("inf") if args.vararg else len(params)
    return required, most, params


def unannotated(fn, params):
    missing = [p.arg for p in params if p.annotation is None]
    if fn.returns is None and fn.name != "__init__":
        missing.append("the return value")
    return missing


def check(q):
    try:
        tree = ast.parse(q["starter"], "starter.py")
    except SyntaxError as err:
        return f"does not parse: {err.msg} (line {err.lineno})"
    top = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))}
    if q["kind"] == "function":
        fn = top.get(q["call"])
        if not isinstance(fn, ast.FunctionDef):
            return f"does not define the function {q['call']}() the harness calls"
        required, most, params = positional_range(fn)
        for n in q["arities"]:
            if not required <= n <= most:
                return f"{q['call']}() takes {required}-{most} arguments but the cases pass {n}"
        missing = unannotated(fn, params)
        if missing:
            return f"{q['call']}() needs type hints for {', '.join(missing)}"
        return None
    if q["kind"] == "design":
        cls = top.get(q["class"])
        if not isinstance(cls, ast.ClassDef):
            return f"does not define the class {q['class']} the harness drives"
        methods = {n.name: n for n in cls.body if isinstance(n, ast.FunctionDef)}
        for name in ["__init__", *q["methods"]]:
            fn = methods.get(name)
            if fn is None:
                if name == "__init__" and not any(q["initArities"]):
                    continue
                return f"{q['class']} has no method {name}() that the cases call"
            fn._is_method = True
            required, most, params = positional_range(fn)
            arities = q["initArities"] if name == "__init__" else q["methodArities"].get(name, [])
            for n in arities:
                if not required <= n <= most:
                    return f"{q['class']}.{name}() takes {required}-{most} arguments but the cases pass {n}"
            missing = unannotated(fn, params)
            if missing:
                return f"{q['class']}.{name}() needs type hints for {', '.join(missing)}"
        return None
    # script
    imports = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imports.add(node.module)
    if "argparse" not in imports:
        return "a script starter builds its arguments with argparse"
    if not isinstance(top.get("main"), ast.FunctionDef):
        return "a script starter defines main()"
    guard = any(
        isinstance(n, ast.If)
        and isinstance(n.test, ast.Compare)
        and isinstance(n.test.left, ast.Name)
        and n.test.left.id == "__name__"
        for n in tree.body
    )
    if not guard:
        return 'a script starter ends with the if __name__ == "__main__": guard'
    return None


def main():
    problems = []
    for q in json.loads(sys.stdin.read()):
        reason = check(q)
        if reason:
            problems.append({"id": q["id"], "reason": reason})
    sys.stdout.write(json.dumps(problems))


if __name__ == "__main__":
    main()
