"""Reference for the HVM tests: the pure parts of Affine's HVM environment, re-typed from AffineFoundation/affine
affine/envs/hvm.py @ c0d2a1ee (logic unchanged; logging and I/O dropped). Imported by affine_programs_ref.py.
"""

import random
import re


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
