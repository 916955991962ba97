"""Reference for test/unit/python-random.test.ts: runs random.Random calls in CPython and prints the results.

stdin: JSON list of cases {"seed": "<int>", "ops": [[name, *args], ...]}; ints travel as decimal strings.
stdout: JSON list (one per case) of lists (one per op) of {"v": value} or {"e": "<ExceptionType>", "m": message};
ints come back as strings, floats as JSON numbers (repr round-trips exactly).
"""

import json
import random
import sys


def run_op(rng, op):
    name, args = op[0], op[1:]
    if name == "seed":
        return rng.seed(int(args[0]))
    if name == "getrandbits":
        return str(rng.getrandbits(args[0]))
    if name == "random":
        return rng.random()
    if name == "randbelow":
        return str(rng._randbelow(int(args[0])))
    if name == "choice":
        return rng.choice(args[0])
    if name == "sample_range":
        return rng.sample(range(args[0]), args[1])
    if name == "sample_list":
        return rng.sample(args[0], args[1])
    if name == "shuffle":
        x = list(range(args[0]))
        rng.shuffle(x)
        return x
    if name == "randint":
        return str(rng.randint(int(args[0]), int(args[1])))
    if name == "randrange":
        ints = [None if a is None else int(a) for a in args]
        while ints and ints[-1] is None:
            ints.pop()
        return str(rng.randrange(*ints))
    if name == "uniform":
        return rng.uniform(args[0], args[1])
    raise KeyError(f"unknown op {name}")


def run_case(case):
    rng = random.Random(int(case["seed"]))
    out = []
    for op in case["ops"]:
        try:
            out.append({"v": run_op(rng, op)})
        except (ValueError, IndexError, TypeError) as e:
            out.append({"e": type(e).__name__, "m": str(e)})
    return out


def main():
    cases = json.load(sys.stdin)
    json.dump({"version": sys.version.split()[0], "results": [run_case(c) for c in cases]}, sys.stdout)


if __name__ == "__main__":
    main()
