"""Reference for test/unit/sat.test.ts: Affine's SAT generator, prompt and evaluator, re-typed from
AffineFoundation/affinetes environments/affine/sat.py @ 345b7bcf, plus the SDK's LLM seed (affine/core/environments.py).

stdin: JSON {"gen": ["<task_id>", ...], "score": [{"clauses": [[lit, ...], ...], "reply": "..."}, ...]}
stdout: JSON {"version", "unidata", "gen": [{"sha256", "length", "seed"}], "score": [{"score", "assigned",
"satisfied"} or {"error": "<ExceptionType>"}]}
"""

import hashlib
import json
import random
import re
import sys
import unicodedata


def generate(task_id, n=15, k=10):
    rng = random.Random(task_id)
    m = int(4.26 * n)
    sol = {i: rng.choice([True, False]) for i in range(1, n + 1)}
    cls = []
    for _ in range(m):
        vs = rng.sample(list(sol), k)
        sv = rng.choice(vs)
        cls.append([
            (v if sol[v] else -v) if v == sv
            else (v if rng.choice([True, False]) else -v)
            for v in vs
        ])
    formula = " ∧ ".join(
        "(" + " ∨ ".join(f"{'¬' if l < 0 else ''}x{abs(l)}" for l in c) + ")"
        for c in cls
    )
    prompt = (
        f"Find a satisfying assignment for the following {k}-SAT formula over variables x1..x{n}:\n"
        f"{formula}\n"
        "Provide your answer as comma-separated assignments like `x1=True, x2=False, ...`, "
        "or respond `UNSAT` if it has no solution."
    )
    return prompt


def llm_seed(env_name, task_id):
    return int.from_bytes(hashlib.sha256(f"{env_name}:{task_id}".encode()).digest()[:8], "big") % 2**32


def evaluate(response, cls):
    got = {
        int(v): val.lower() in ("true", "1")
        for v, val in re.findall(r"x(\d+)=(True|False|1|0)", response or "")
    }
    sat = [any((lit > 0) == got.get(abs(lit), None) for lit in c) for c in cls]
    return {"score": float(all(sat)), "assigned": len(got), "satisfied": sum(sat)}


def main():
    req = json.load(sys.stdin)
    gen = []
    for tid in req.get("gen", []):
        prompt = generate(int(tid))
        gen.append({
            "sha256": hashlib.sha256(prompt.encode("utf-8")).hexdigest(),
            "length": len(prompt),
            "seed": llm_seed("affine:sat", int(tid)),
        })
    score = []
    for case in req.get("score", []):
        try:
            score.append(evaluate(case["reply"], case["clauses"]))
        except ValueError as e:
            score.append({"error": type(e).__name__, "message": str(e)})
    out = {"version": sys.version.split()[0], "unidata": unicodedata.unidata_version, "gen": gen, "score": score}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
