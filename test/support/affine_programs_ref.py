"""Reference for the program environments' tests: the pure parts of Affine's ABD, DED, PRINT and HVM, re-typed from
AffineFoundation/affinetes environments/affine/{executor,abd,ded}.py and environments/trace/trace_task.py @ 345b7bcf,
and AffineFoundation/affine affine/envs/hvm.py @ c0d2a1ee (logic unchanged; logging and I/O dropped).

stdin: JSON list of [op, arg, ...]; stdout: JSON list of {"v": result} or {"e": "<ExceptionType>"}, one per call.
"""

import ast
import json
import random
import re
import sys

# ----------------------------------------------------------------------------------------------- executor.py
_FENCE_RE = re.compile(r"```(?:python)?\s*([\s\S]*?)```", re.IGNORECASE)
_HAS_MAIN = re.compile(r'if\s+__name__\s*==\s*[\'"]__main__[\'"]')


def strip_fences(text):
    python_blocks = re.findall(r'```python\s*\n(.*?)```', text, re.DOTALL)
    if python_blocks:
        return python_blocks[-1].strip()
    code_blocks = re.findall(r'```(?:\w*)\s*\n(.*?)```', text, re.DOTALL)
    if code_blocks:
        return code_blocks[-1].strip()
    m = _FENCE_RE.search(text)
    return (m.group(1) if m else text).strip()


# ---------------------------------------------------------------------------------------------------- abd.py
def abd_extract(response):
    response = re.sub(r"<think>.*?</think>", "", response, flags=re.DOTALL)
    response = re.sub(r"<thinking>.*?</thinking>", "", response, flags=re.DOTALL)
    matches = re.findall(r"<INPUT>(.*?)</INPUT>", response, re.IGNORECASE | re.DOTALL)
    if not matches:
        return ""
    lines = [ln.rstrip() for ln in matches[-1].strip().splitlines()]
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def abd_tags_present(response):
    return bool(re.search(r"<INPUT>.*?</INPUT>", response or "", re.IGNORECASE | re.DOTALL))


def abd_validate(program, inp):
    calls = program.count("input()")
    lines = inp.splitlines() if inp else []
    if "for _ in range(int(input()))" in program and lines and lines[0].isdigit():
        return len(lines) > int(lines[0])
    return len(lines) >= calls


def abd_compare(expected, actual):
    if expected == actual:
        return True
    exp = expected.strip().replace("\r\n", "\n")
    act = actual.strip().replace("\r\n", "\n")
    if exp == act:
        return True
    return [l.rstrip() for l in exp.splitlines()] == [l.rstrip() for l in act.splitlines()]


# ---------------------------------------------------------------------------------------------------- ded.py
def _to_str(x):
    if isinstance(x, str):
        return x
    if isinstance(x, (bytes, bytearray)):
        return x.decode()
    if isinstance(x, list):
        return "\n".join(_to_str(e) for e in x)
    return json.dumps(x, ensure_ascii=False)


def _normalize(text):
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def ded_parse(ver_raw):
    """The parse step of DEDTask.evaluate: repr of the parsed value, or "PARSE_FAILED" where it returns 0."""
    try:
        if isinstance(ver_raw, str):
            try:
                ver_json = json.loads(ver_raw)
            except json.JSONDecodeError:
                ver_json = ast.literal_eval(ver_raw)
        else:
            ver_json = ver_raw
    except Exception:
        return "PARSE_FAILED"
    return repr(ver_json)


def ded_plan(program, ver_raw):
    """DEDTask.evaluate up to the runs: per case [type, stdin, program, expected], or "skip"; raises as upstream."""
    if isinstance(ver_raw, str):
        try:
            ver_json = json.loads(ver_raw)
        except json.JSONDecodeError:
            ver_json = ast.literal_eval(ver_raw)
    else:
        ver_json = ver_raw
    cases = ver_json.get("test_cases")
    if not cases:
        return "NO_CASES"
    out = []
    for case in cases:
        ctype = case.get("type")
        raw_inp = case.get("input")
        raw_exp = case.get("output")
        if ctype == "stdin_stdout":
            inp = _to_str(raw_inp)
            if not inp.endswith("\n"):
                inp += "\n"
            exec_prog = program
            exp = _to_str(raw_exp)
        elif ctype == "function_call":
            fn = case.get("fn_name")
            args = case.get("input", [])
            exec_prog = (
                program
                + "\n"
                + f"if __name__ == '__main__':\n"
                + f"    result = {fn}(*{args!r})\n"
                + "    print(result)"
            )
            inp = ""
            exp = _to_str(raw_exp[0]) if isinstance(raw_exp, list) and raw_exp else _to_str(raw_exp)
        else:
            out.append("skip")
            continue
        out.append([ctype, inp, exec_prog, exp])
    return out


# ------------------------------------------------------------------------------------------------- trace_task.py
def print_clean(prediction):
    prediction = re.sub(r"<think>.*?</think>", "", prediction, flags=re.DOTALL)
    prediction = re.sub(r"<thinking>.*?</thinking>", "", prediction, flags=re.DOTALL)
    if "</think>" in prediction:
        prediction = prediction.split("</think>")[-1].strip()
    if "</thinking>" in prediction:
        prediction = prediction.split("</thinking>")[-1].strip()
    code_block_match = re.search(r"```(?:[a-zA-Z]*)\n?(.*?)\n?```", prediction, flags=re.DOTALL)
    if code_block_match:
        prediction = code_block_match.group(1)
    return prediction.strip()


def print_compare(expected, actual):
    def normalize(s):
        return "".join(s.split()).lower()

    return normalize(expected) == normalize(actual)


# ------------------------------------------------------------------------------------------------------ hvm.py
def hvm_make_program(rng, hard=True):
    holes, hole_domains, code = [], {}, []

    def new_hole(domain):
        name = f"?{chr(ord('a') + len(holes))}"
        holes.append(name)
        hole_domains[name] = domain[:]
        return name

    dom_small = list(range(-9, 10))
    dom_pos = list(range(0, 13))
    dom_mod = [m for m in range(3, 31)]
    code.append(("LOAD", "0"))
    code.append(("LOAD", "1"))
    code.append(("PUSH", new_hole(dom_small)))
    code.append(("MUL", None))
    code.append(("PUSH", new_hole(dom_small)))
    code.append(("MUL", None))
    code.append(("ADD", None))
    code.append(("DUP", None))
    code.append(("PUSH", new_hole(dom_mod)))
    code.append(("MOD", None))
    code.append(("PRINT", None))
    if hard:
        code.append(("LOAD", "2"))
        d = new_hole(dom_pos)
        e = new_hole(dom_small)
        f = new_hole(dom_mod)
        loop_start = len(code)
        code.append(("DUP", None))
        j_end = len(code); code.append(("JMPZ", None))
        code.append(("SWAP", None))
        code.append(("PUSH", d)); code.append(("MUL", None))
        code.append(("PUSH", e)); code.append(("ADD", None))
        code.append(("PUSH", f)); code.append(("MOD", None))
        code.append(("SWAP", None))
        code.append(("PUSH", "1")); code.append(("SUB", None))
        j_back = len(code); code.append(("JMP", None))
        end_addr = len(code)
        code.append(("POP", None))
        code.append(("PRINT", None))
        code.append(("HALT", None))
        j1 = new_hole([end_addr])
        j2 = new_hole([loop_start])
        code[j_end] = ("JMPZ", j1)
        code[j_back] = ("JMP", j2)
    else:
        code.append(("HALT", None))
    return {"code": code, "holes": holes, "hole_domains": hole_domains,
            "max_steps": 8000 if hard else 4000, "stack_cap": 256}


def hvm_run_vm_local(prog, holes, inputs):
    ip = 0
    steps = 0
    stack = []
    out = []
    code = prog["code"]
    max_steps = int(prog["max_steps"])
    cap = int(prog["stack_cap"])

    def push(v):
        if len(stack) >= cap:
            return False
        stack.append(int(v))
        return True

    while True:
        if steps > max_steps or ip < 0 or ip >= len(code):
            return (False, "")
        op, arg = code[ip]
        steps += 1
        if op == "PUSH":
            if arg is None:
                return (False, "")
            if isinstance(arg, str) and arg.startswith("?"):
                if arg not in holes or not push(holes[arg]):
                    return (False, "")
            else:
                if not push(int(arg)):
                    return (False, "")
            ip += 1
        elif op == "LOAD":
            idx = int(arg or -1)
            if idx < 0 or idx >= len(inputs):
                return (False, "")
            if not push(inputs[idx]):
                return (False, "")
            ip += 1
        elif op in ("ADD", "SUB", "MUL", "DIV", "MOD"):
            if len(stack) < 2:
                return (False, "")
            b = stack.pop()
            a = stack.pop()
            if op == "ADD":
                c = a + b
            elif op == "SUB":
                c = a - b
            elif op == "MUL":
                c = a * b
            elif op == "DIV":
                if b == 0:
                    return (False, "")
                c = int(a / b)
            else:
                if b == 0:
                    return (False, "")
                c = a % b
            if not push(c):
                return (False, "")
            ip += 1
        elif op == "DUP":
            if not stack or not push(stack[-1]):
                return (False, "")
            ip += 1
        elif op == "SWAP":
            if len(stack) < 2:
                return (False, "")
            stack[-1], stack[-2] = stack[-2], stack[-1]
            ip += 1
        elif op == "POP":
            if not stack:
                return (False, "")
            stack.pop()
            ip += 1
        elif op in ("JMP", "JMPZ", "JMPNZ"):
            tgt_raw = arg
            if isinstance(tgt_raw, str) and tgt_raw.startswith("?"):
                if tgt_raw not in holes:
                    return (False, "")
                tgt = holes[tgt_raw]
            else:
                tgt = int(tgt_raw)
            if op == "JMP":
                ip = tgt
            else:
                if not stack:
                    return (False, "")
                top = stack.pop()
                cond = (top == 0)
                if (op == "JMPZ" and cond) or (op == "JMPNZ" and not cond):
                    ip = tgt
                else:
                    ip += 1
        elif op == "PRINT":
            if not stack:
                return (False, "")
            out.append(str(int(stack.pop())))
            ip += 1
        elif op == "HALT":
            break
        else:
            return (False, "")
    return (True, "\n".join(out))


def hvm_forge_io(rng, prog, n_cases):
    chosen = {h: rng.choice(dom) for h, dom in prog["hole_domains"].items()}
    inputs, expected = [], []
    for _ in range(n_cases):
        a = rng.randint(-8, 8)
        b = rng.randint(-8, 8)
        if any(op == "LOAD" and arg == "2" for op, arg in prog["code"]):
            k = rng.randint(1, 8)
            case = [a, b, k]
        else:
            case = [a, b]
        ok, out = hvm_run_vm_local(prog, chosen, case)
        if not ok or out == "":
            return hvm_forge_io(rng, prog, n_cases)
        inputs.append(case)
        expected.append(out)
    return inputs, expected, chosen


def hvm_render_prompt(prog, inputs, expected):
    lines = []
    for i, (op, arg) in enumerate(prog["code"]):
        lines.append(f"{i:03d}: {op}" + (f" {arg}" if arg is not None else ""))
    hole_lines = []
    for h in prog["holes"]:
        dom = prog["hole_domains"][h]
        if len(dom) > 15:
            hole_lines.append(f"{h} ∈ [{min(dom)}, {max(dom)}] (integers)")
        else:
            hole_lines.append(f"{h} ∈ {{{', '.join(map(str, dom))}}}")
    case_lines = []
    for i, (inp, out) in enumerate(zip(inputs, expected)):
        case_lines.append(f"Case #{i}: input={inp}  expected stdout=\n---\n{out}\n---")
    return f"""You are given a small stack-based Virtual Machine program with UNKNOWN constants (holes).
Instruction set:
  PUSH n       ; push integer n (n can also be a hole like ?a)
  LOAD i       ; push i-th input integer (0-based)
  ADD SUB MUL DIV MOD
  DUP SWAP POP
  JMP k        ; absolute jump
  JMPZ k       ; jump if top==0
  JMPNZ k      ; jump if top!=0
  PRINT
  HALT

Program:
{chr(10).join(lines)}

Holes and domains:
- """ + "\n- ".join(hole_lines) + """

Test cases:
""" + "\n".join(case_lines) + """

Return ONLY the hole mapping in this exact format:

<HOLES>
?a=3
?b=-1
?c=42
</HOLES>
"""


def hvm_generate(seed):
    rng = random.Random(int(seed))
    prog = hvm_make_program(rng, hard=True)
    inputs, expected, chosen = hvm_forge_io(rng, prog, 3)
    return {"prompt": hvm_render_prompt(prog, inputs, expected), "inputs": inputs, "expected": expected,
            "chosen": chosen}


def hvm_parse_holes(text):
    m = re.findall(r"<HOLES>\s*(.*?)\s*</HOLES>", text, flags=re.DOTALL | re.IGNORECASE)
    if not m:
        return None
    block = m[-1]
    out = {}
    for line in block.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        mm = re.match(r"(\?[a-zA-Z]\w*)\s*=\s*(-?\d+)$", line)
        if not mm:
            return None
        out[mm.group(1)] = int(mm.group(2))
    return {k: str(v) for k, v in out.items()}


OPS = {name: fn for name, fn in globals().items() if callable(fn) and not name.startswith("_")}
OPS["to_str_of_literal"] = lambda text: _to_str(ast.literal_eval(text))
OPS["normalize"] = _normalize
OPS["json_dumps_of_literal"] = lambda text: json.dumps(ast.literal_eval(text), ensure_ascii=False)
OPS["repr_of_literal"] = lambda text: repr(ast.literal_eval(text))
OPS["repr_of_json"] = lambda text: repr(json.loads(text))
OPS["repr_str"] = repr
OPS["ded_plan_row"] = lambda program, line: ded_plan(
    program, json.loads(line).get("verification_info") or json.loads(line).get("test_cases"))
OPS["float_reprs"] = lambda xs: [repr(float(x)) for x in xs]

results = []
for op, *args in json.load(sys.stdin):
    try:
        results.append({"v": OPS[op](*args)})
    except Exception as e:  # noqa: BLE001 - the type is the answer
        results.append({"e": type(e).__name__})
sys.stdout.write(json.dumps(results))
