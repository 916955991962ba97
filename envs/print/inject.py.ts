// PRINT's debug-print injection as a Python script for the sandbox: `clean_source`, `PrintInjector` and
// `inject_non_overfittable_prints` copied from affinetes environments/trace/trace_task.py @ 345b7bcf (logic verbatim;
// only the ``` literal is spelled "\x60" * 3 so the source fits a template string). Both realms: a string constant.
//
// stdin: JSON {"source": str, "seed": decimal str}; stdout: json.dumps(transformed source) (ASCII, no newline).
// Run it under CPython 3.12 (Pyodide 0.27.x): `ast.unparse` output differs between Python versions (§3.4).

export const INJECT_PY = String.raw`import ast
import json
import random
import sys
import warnings
from typing import Generator, List

FENCE = "\x60" * 3


class PrintInjector(ast.NodeTransformer):
    def __init__(self, seed: int, max_injections: int = 6):
        self.rng = random.Random(seed)
        self.max_injections = max_injections
        self.injections_done = 0
        self.scopes: List[List[str]] = [[]]  # Stack of scopes

    @property
    def live_vars(self) -> List[str]:
        all_vars = []
        for scope in self.scopes:
            for v in scope:
                if v not in all_vars:
                    all_vars.append(v)
        return all_vars

    def _add_live_var(self, name: str):
        if name not in self.scopes[-1]:
            self.scopes[-1].append(name)

    def _make_print(self) -> ast.Expr | None:
        vars_available = self.live_vars
        if not vars_available:
            return None

        k = self.rng.randint(1, min(3, len(vars_available)))
        vars_to_print = self.rng.sample(vars_available, k)

        tag = f"__DBG_{self.injections_done}__"
        print_args = [ast.Constant(tag)]

        for var_name in vars_to_print:
            var_node = ast.Name(id=var_name, ctx=ast.Load())
            isinstance_check = ast.Call(
                func=ast.Name(id="isinstance", ctx=ast.Load()),
                args=[
                    var_node,
                    ast.Tuple(elts=[
                        ast.Name(id="int", ctx=ast.Load()),
                        ast.Name(id="float", ctx=ast.Load()),
                        ast.Name(id="str", ctx=ast.Load()),
                        ast.Name(id="bool", ctx=ast.Load()),
                        ast.Call(
                            func=ast.Name(id="type", ctx=ast.Load()),
                            args=[ast.Constant(None)],
                            keywords=[]
                        )
                    ], ctx=ast.Load())
                ],
                keywords=[]
            )
            repr_call = ast.Call(
                func=ast.Name(id="repr", ctx=ast.Load()),
                args=[ast.Name(id=var_name, ctx=ast.Load())],
                keywords=[]
            )
            type_name = ast.Attribute(
                value=ast.Call(
                    func=ast.Name(id="type", ctx=ast.Load()),
                    args=[ast.Name(id=var_name, ctx=ast.Load())],
                    keywords=[]
                ),
                attr="__name__",
                ctx=ast.Load()
            )
            ternary = ast.IfExp(test=isinstance_check, body=repr_call, orelse=type_name)
            print_args.append(ternary)

        return ast.Expr(
            value=ast.Call(
                func=ast.Name(id="print", ctx=ast.Load()),
                args=print_args,
                keywords=[]
            )
        )

    def _extract_names(self, target: ast.AST) -> Generator[str, None, None]:
        if isinstance(target, ast.Name):
            yield target.id
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                yield from self._extract_names(elt)

    def _update_live_vars(self, stmt: ast.stmt):
        if isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                for name in self._extract_names(t):
                    self._add_live_var(name)
        elif isinstance(stmt, ast.AugAssign):
            for name in self._extract_names(stmt.target):
                self._add_live_var(name)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            for name in self._extract_names(stmt.target):
                self._add_live_var(name)

    def _maybe_inject(self, body: List[ast.stmt]) -> List[ast.stmt]:
        new_body = []
        for stmt in body:
            self._update_live_vars(stmt)
            new_body.append(self.visit(stmt))

            if self.injections_done >= self.max_injections:
                continue

            if isinstance(stmt, (ast.Assign, ast.AugAssign)):
                if self.rng.random() < 0.6:
                    p = self._make_print()
                    if p:
                        new_body.append(p)
                        self.injections_done += 1

            elif isinstance(stmt, ast.If):
                if self.rng.random() < 0.4:
                    p = self._make_print()
                    if p:
                        new_body.append(p)
                        self.injections_done += 1

        return new_body

    def visit_Module(self, node: ast.Module):
        node.body = self._maybe_inject(node.body)
        return node

    def visit_For(self, node: ast.For):
        node.body = self._maybe_inject(node.body)
        node.orelse = self._maybe_inject(node.orelse)
        return node

    def visit_If(self, node: ast.If):
        node.body = self._maybe_inject(node.body)
        node.orelse = self._maybe_inject(node.orelse)
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef):
        self.scopes.append([])
        for arg in node.args.args:
            self._add_live_var(arg.arg)

        node.body = self._maybe_inject(node.body)
        self.scopes.pop()
        return node

    def visit_Assign(self, node: ast.Assign):
        return node

    def visit_AugAssign(self, node: ast.AugAssign):
        return node


def clean_source(source: str) -> str:
    source = source.strip()
    if source.startswith(FENCE):
        first_newline = source.find("\n")
        if first_newline != -1:
            source = source[first_newline:].strip()
        if source.endswith(FENCE):
            source = source[:-3].strip()
    return source


def inject_non_overfittable_prints(source: str, seed: int, max_injections: int = 6) -> str:
    source = clean_source(source)
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        return f"# Syntax Error in source: {e}\n{source}"

    injector = PrintInjector(seed=seed, max_injections=max_injections)
    tree = injector.visit(tree)
    ast.fix_missing_locations(tree)
    return ast.unparse(tree)


request = json.loads(sys.stdin.read())
# Upstream runs this in the env process, where parse-time warnings (e.g. invalid escapes) only reach a log.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    result = inject_non_overfittable_prints(request["source"], int(request["seed"]), max_injections=6)
sys.stdout.write(json.dumps(result))
`;
