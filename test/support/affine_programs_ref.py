"""Reference for the program environments' tests: the pure parts of Affine's ABD, DED, PRINT and HVM, re-typed from
AffineFoundation/affinetes environments/affine/{executor,abd,ded}.py and environments/trace/trace_task.py @ 345b7bcf,
and AffineFoundation/affine affine/envs/hvm.py @ c0d2a1ee (in hvm_ref.py; logic unchanged; logging and I/O dropped).

stdin: JSON list of [op, arg, ...]; stdout: JSON list of {"v": result} or {"e": "<ExceptionType>"}, one per call.
"""

import ast
import json
import re
import sys

# HVM lives in its own file; its functions join OPS below like the rest.
from hvm_ref import hvm_forge_io, hvm_generate, hvm_make_program, hvm_parse_holes, hvm_render_prompt, hvm_run_vm_local  # noqa: F401

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
