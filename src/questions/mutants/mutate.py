"""Plausible wrong versions (mutants) of a reference solution, made from its syntax tree.

Reads one JSON payload on stdin:

  {"source": str, "kind": "function" | "design" | "script", "cap": int,
   "coverage": {"lines": [int], "returns": {"<line>": {"<type name>": count}}} | null,
   "handWritten": {"<file name>": str}}

and writes one JSON object on stdout:

  {"normalized": str | null, "error": str | null,
   "mutants": [{"id", "op", "path", "line", "col", "endLine", "before", "after", "source"}],
   "stats": {"candidates", "notCompiling", "identical", "duplicates", "selected"},
   "handWritten": {"<file name>": null | "why it cannot be used"}}

Every mutant's source is `ast.unparse` of the mutated tree, so comments and layout are gone but
the behaviour is that of the reference with one change. Mutants that do not compile, that
unparse to the reference itself or to another mutant's text are dropped. The rest are capped per
question: round robin over the operators, each operator's mutants in the order of their ids, so
the choice is deterministic and does not depend on anything outside this solution.

A mutant's id hashes its operator, the path of the mutated node in the tree and the text before
and after: it survives edits to other questions, blank lines and comments in this one.
"""

import ast
import copy
import hashlib
import json
import sys
import warnings

# The order in which the round robin visits the operators, and the label kept when two
# operators produce the same text (range before const: `range(n + 1)` is a range mutant).
OPERATORS = [
    "cmp",
    "range",
    "arith",
    "const",
    "guard",
    "empty",
    "boolop",
    "bool-return",
    "drop-last",
    "minmax",
    "stderr",
]

CMP_FLIP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}

EMPTY_BY_TYPE = {
    "list": "[]",
    "tuple": "()",
    "dict": "{}",
    "set": "set()",
    "frozenset": "frozenset()",
    "str": "''",
    "int": "0",
    "float": "0.0",
    "bool": "False",
    "deque": "[]",
    "Counter": "{}",
    "defaultdict": "{}",
    "OrderedDict": "{}",
}


def walk(node, path=()):
    """Every node with its path: a tuple of (field, index or None) steps from the root."""
    yield path, node
    for field, value in ast.iter_fields(node):
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, ast.AST) and not isinstance(item, ast.expr_context):
                    yield from walk(item, path + ((field, i),))
        elif isinstance(value, ast.AST) and not isinstance(value, ast.expr_context):
            yield from walk(value, path + ((field, None),))


def path_text(path):
    return ".".join(f"{f}[{i}]" if i is not None else f for f, i in path)


def resolve(root, path):
    node = root
    for field, index in path:
        node = getattr(node, field)
        if index is not None:
            node = node[index]
    return node


def replace_at(root, path, new):
    """A copy of the tree with the node at path replaced (new=None removes a statement)."""
    tree = copy.deepcopy(root)
    *parent_path, (field, index) = path
    parent = resolve(tree, parent_path)
    if index is None:
        setattr(parent, field, new)
        return tree
    items = getattr(parent, field)
    if new is None:
        del items[index]
        if not items:
            items.append(ast.Pass())
    else:
        items[index] = new
    return tree


def int_value(node):
    """The integer a node spells (42, -1), or None. Booleans are not integers here."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and type(node.operand.value) is int
    ):
        return -node.operand.value
    return None


def int_node(v):
    return ast.Constant(v) if v >= 0 else ast.UnaryOp(ast.USub(), ast.Constant(-v))


def plus(node, k):
    """node + k, folded where the text allows: 3 -> 4, n - 1 -> n, n + 1 -> n + 2."""
    v = int_value(node)
    if v is not None:
        return int_node(v + k)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        c = int_value(node.right)
        if c is not None:
            total = (c if isinstance(node.op, ast.Add) else -c) + k
            if total == 0:
                return copy.deepcopy(node.left)
            op = ast.Add() if total > 0 else ast.Sub()
            return ast.BinOp(copy.deepcopy(node.left), op, ast.Constant(abs(total)))
    return ast.BinOp(copy.deepcopy(node), ast.Add() if k > 0 else ast.Sub(), ast.Constant(abs(k)))


def is_call_to(node, *names):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names


def is_stderr(node):
    """sys.stderr, or stderr imported from sys."""
    if isinstance(node, ast.Name):
        return node.id == "stderr"
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "stderr"
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    )


def ends_early(stmt):
    """A statement that leaves the block: return, continue, break, raise, sys.exit()/exit()."""
    if isinstance(stmt, (ast.Return, ast.Continue, ast.Break, ast.Raise)):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        f = stmt.value.func
        if isinstance(f, ast.Name) and f.id in ("exit", "quit"):
            return True
        if isinstance(f, ast.Attribute) and f.attr == "exit" and isinstance(f.value, ast.Name) and f.value.id == "sys":
            return True
    return False


def static_type(node):
    """A guess at the type of a returned expression when no case reached it."""
    if isinstance(node, (ast.List, ast.ListComp)) or is_call_to(node, "list", "sorted"):
        return "list"
    if isinstance(node, (ast.Dict, ast.DictComp)) or is_call_to(node, "dict"):
        return "dict"
    if isinstance(node, (ast.Set, ast.SetComp)) or is_call_to(node, "set"):
        return "set"
    if isinstance(node, ast.Tuple):
        return "tuple"
    if isinstance(node, ast.JoinedStr) or is_call_to(node, "str"):
        return "str"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        return "str"
    if isinstance(node, ast.Constant):
        return type(node.value).__name__
    if isinstance(node, ast.Compare) or (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
        return "bool"
    if is_call_to(node, "len", "sum", "int", "abs", "round"):
        return "int"
    return None


def returned_type(node, line, returns):
    """The type the reference returned from this line when the cases ran it (most often seen)."""
    seen = (returns or {}).get(str(line)) or {}
    typed = sorted(((n, t) for t, n in seen.items() if t != "NoneType"), reverse=True)
    if typed:
        return typed[0][1]
    if seen:
        return "NoneType"
    return static_type(node)


def is_main_check(node):
    """`__name__ == "__main__"`: no plausible answer gets this wrong, so it is not mutated."""
    return isinstance(node, ast.Compare) and any(
        isinstance(n, ast.Name) and n.id == "__name__" for n in [node.left, *node.comparators]
    )


def candidates(tree, kind, returns):
    """(op, path, node, replacement) for every mutation site; replacement None removes the statement."""
    nodes = [
        (path, node)
        for path, node in walk(tree)
        if not is_main_check(node) and not (isinstance(node, ast.If) and is_main_check(node.test))
    ]
    parents = {}
    for path, node in nodes:
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    for path, node in nodes:
        parent = parents.get(id(node))
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                flip = CMP_FLIP.get(type(op))
                if flip:
                    new = copy.deepcopy(node)
                    new.ops[i] = flip()
                    yield "cmp", path, node, new
        plain_args = is_call_to(node, "range") and not any(isinstance(a, ast.Starred) for a in node.args)
        if plain_args and not node.keywords and 1 <= len(node.args) <= 3:
            if len(node.args) == 1:
                (stop,) = node.args
                variants = [[plus(stop, 1)], [plus(stop, -1)], [ast.Constant(1), copy.deepcopy(stop)]]
            else:
                start, stop, *step = node.args
                variants = [
                    [copy.deepcopy(start), plus(stop, 1), *step],
                    [copy.deepcopy(start), plus(stop, -1), *step],
                    [plus(start, 1), copy.deepcopy(stop), *step],
                    [plus(start, -1), copy.deepcopy(stop), *step],
                ]
            for args in variants:
                yield "range", path, node, ast.Call(ast.Name("range", ast.Load()), [copy.deepcopy(a) for a in args], [])
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and int_value(node.right) == 1:
            yield "arith", path, node, copy.deepcopy(node.left)
            yield "arith", path, node, ast.BinOp(copy.deepcopy(node.left), type(node.op)(), ast.Constant(2))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and int_value(node.left) == 1:
            yield "arith", path, node, copy.deepcopy(node.right)
            yield "arith", path, node, ast.BinOp(ast.Constant(2), ast.Add(), copy.deepcopy(node.right))
        value = int_value(node)
        if value is not None and not (isinstance(node, ast.Constant) and isinstance(parent, ast.UnaryOp)):
            # `+ 1` / `- 1` is the arith operator's; a counter's `+= 1` only makes trivial
            # (or endless) mutants.
            in_arith = isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Add, ast.Sub)) and abs(value) == 1
            in_augassign = isinstance(parent, ast.AugAssign) and parent.value is node
            if not in_arith and not in_augassign:
                yield "const", path, node, int_node(value + 1)
                yield "const", path, node, int_node(value - 1)
        if isinstance(node, ast.If) and not node.orelse and ends_early(node.body[-1]) and path[-1][1] is not None:
            yield "guard", path, node, None
        if isinstance(node, ast.Return) and node.value is not None:
            t = returned_type(node.value, node.lineno, returns)
            if t is not None and t != "NoneType":
                empty = EMPTY_BY_TYPE.get(t, "None")
                yield "empty", path, node, ast.Return(ast.parse(empty, mode="eval").body)
            const = node.value
            if isinstance(const, ast.Constant) and type(const.value) is bool:
                yield "bool-return", path, node, ast.Return(ast.Constant(int(const.value)))
            elif isinstance(const, ast.Constant) and type(const.value) is int and const.value in (0, 1):
                # A script's exit status: sys.exit(True) is sys.exit(1), an equivalent mutant.
                if kind != "script":
                    yield "bool-return", path, node, ast.Return(ast.Constant(bool(const.value)))
            empty_literal = isinstance(node.value, (ast.List, ast.Tuple)) and not node.value.elts
            if t in ("list", "tuple") and not empty_literal:
                yield "drop-last", path, node, ast.Return(
                    ast.Subscript(copy.deepcopy(node.value), ast.Slice(None, int_node(-1), None), ast.Load())
                )
        plain_loop = isinstance(node, ast.For) or (isinstance(node, ast.comprehension) and not node.is_async)
        if plain_loop and not is_call_to(node.iter, "range"):
            it = copy.deepcopy(node.iter)
            if not isinstance(it, (ast.List, ast.Tuple)):
                it = ast.Call(ast.Name("list", ast.Load()), [it], [])
            new = copy.deepcopy(node)
            new.iter = ast.Subscript(it, ast.Slice(None, int_node(-1), None), ast.Load())
            yield "drop-last", path, node, new
        if is_call_to(node, "min", "max"):
            new = copy.deepcopy(node)
            new.func.id = "max" if node.func.id == "min" else "min"
            yield "minmax", path, node, new
        if isinstance(node, ast.BoolOp):
            new = copy.deepcopy(node)
            new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            yield "boolop", path, node, new
        if kind == "script" and isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and path[-1][1] is not None:
            call = node.value
            to_stderr = is_call_to(call, "print") and any(k.arg == "file" and is_stderr(k.value) for k in call.keywords)
            writes = isinstance(call.func, ast.Attribute) and call.func.attr == "write" and is_stderr(call.func.value)
            if to_stderr or writes:
                yield "stderr", path, node, None


def describe(node, new):
    """The text before and after, one line each: what a human reads to judge the mutant."""
    def short(n):
        if isinstance(n, ast.If):
            return f"if {ast.unparse(n.test)}: ..."
        if isinstance(n, ast.For):
            return f"for {ast.unparse(n.target)} in {ast.unparse(n.iter)}: ..."
        if isinstance(n, ast.comprehension):
            return f"for {ast.unparse(n.target)} in {ast.unparse(n.iter)}"
        text = ast.unparse(n)
        return text if "\n" not in text else text.split("\n")[0] + " ..."

    return short(node), "(removed)" if new is None else short(new)


def mutant_id(op, path, before, after):
    digest = hashlib.sha256("\n".join([op, path_text(path), before, after]).encode("utf-8")).hexdigest()
    return f"{op}-{digest[:8]}"


def compiles(source):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(source, "solution.py", "exec")
        return True
    except (SyntaxError, ValueError):
        return False


def select(mutants, cap):
    """Round robin over the operators, each operator's mutants in id order, up to cap."""
    by_op = {op: sorted((m for m in mutants if m["op"] == op), key=lambda m: m["id"]) for op in OPERATORS}
    chosen = []
    while len(chosen) < cap and any(by_op.values()):
        for op in OPERATORS:
            if by_op[op] and len(chosen) < cap:
                chosen.append(by_op[op].pop(0))
    return chosen


def mutants_of(source, kind, coverage, cap):
    tree = ast.parse(source)
    normalized = ast.unparse(tree)
    returns = (coverage or {}).get("returns")
    stats = {"candidates": 0, "notCompiling": 0, "identical": 0, "duplicates": 0, "selected": 0}
    seen = {normalized}
    found = []
    for op, path, node, new in candidates(tree, kind, returns):
        stats["candidates"] += 1
        try:
            text = ast.unparse(ast.fix_missing_locations(replace_at(tree, path, new)))
        except (ValueError, TypeError, AttributeError, RecursionError):
            stats["notCompiling"] += 1
            continue
        if text == normalized:
            stats["identical"] += 1
            continue
        if text in seen:
            stats["duplicates"] += 1
            continue
        if not compiles(text):
            stats["notCompiling"] += 1
            continue
        seen.add(text)
        before, after = describe(node, new)
        where = node.iter if isinstance(node, ast.comprehension) else node
        found.append(
            {
                "id": mutant_id(op, path, before, after),
                "op": op,
                "path": path_text(path),
                "line": where.lineno,
                "col": where.col_offset,
                "endLine": where.end_lineno or where.lineno,
                "before": before,
                "after": after,
                "source": text + "\n",
            }
        )
    chosen = select(found, cap)
    stats["selected"] = len(chosen)
    order = {m["id"]: i for i, m in enumerate(found)}
    chosen.sort(key=lambda m: order[m["id"]])
    return normalized + "\n", chosen, stats, [m["id"] for m in found]


def check_hand_written(files):
    """Why a hand-written mutant cannot be used (no leading # comment, does not compile), or None."""
    problems = {}
    for name, text in files.items():
        first = text.split("\n", 1)[0].strip()
        if not first.startswith("#") or len(first.lstrip("#").strip()) < 3:
            problems[name] = "its first line must be a # comment saying what it is"
        elif not compiles(text):
            problems[name] = "does not compile"
        else:
            problems[name] = None
    return problems


def main():
    payload = json.loads(sys.stdin.read())
    out = {"normalized": None, "error": None, "mutants": [], "stats": None, "candidateIds": []}
    try:
        normalized, chosen, stats, ids = mutants_of(
            payload["source"], payload["kind"], payload.get("coverage"), int(payload.get("cap", 40))
        )
        out.update(normalized=normalized, mutants=chosen, stats=stats, candidateIds=ids)
    except SyntaxError as exc:
        out["error"] = f"the reference does not parse: {exc}"
    out["handWritten"] = check_hand_written(payload.get("handWritten") or {})
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main()
