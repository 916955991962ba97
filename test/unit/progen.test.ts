// The offline program generator (src/shared/progen): determinism, variety, and that every program parses and runs
// cleanly under CPython on its own inputs, checked in one batch interpreter; then generateRows through a real
// subprocess Executor. Node realm. Set PYTHON to pick the interpreter (default: 3.12 when installed, else python3).

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ExecResult, Executor } from '../../src/shared/api/sandbox';
import {
  CASES,
  completeRow,
  generateProgram,
  generateRows,
  generateRowSpec,
  PROGEN_KINDS,
  type RowSpec,
  type StdioCase,
} from '../../src/shared/progen/index';
import type { DatasetRow } from '../../envs/types';
import { defaultPython, PythonExecutor } from '../support/python-executor';

const PYTHON = defaultPython();
const SEEDS = Array.from({ length: 300 }, (_, i) => i);
const SPECS: RowSpec[] = SEEDS.map(generateRowSpec);

/**
 * Parses every program (a SyntaxWarning counts as a failure, since Affine fails any case with stderr) and execs it
 * on each input in-process, with stdin, stdout and stderr swapped for StringIO. One interpreter for all runs keeps
 * the 900 runs to about a second.
 */
const DRIVER = String.raw`
import ast, io, json, sys, traceback, warnings
specs = json.load(sys.stdin)
real = (sys.stdin, sys.stdout, sys.stderr)
results = []
for spec in specs:
    entry = {"error": None, "runs": []}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ast.parse(spec["program"])
            code = compile(spec["program"], "<progen>", "exec")
        if caught:
            entry["error"] = "warning: " + str(caught[0].message)
    except SyntaxError as e:
        entry["error"] = "syntax: " + str(e)
    if entry["error"] is None:
        for stdin in spec["inputs"]:
            out, err = io.StringIO(), io.StringIO()
            sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
            try:
                exec(code, {"__name__": "__main__"})
            except BaseException:
                traceback.print_exc(file=err)
            finally:
                sys.stdin, sys.stdout, sys.stderr = real
            entry["runs"].append([out.getvalue(), err.getvalue()])
    results.append(entry)
json.dump(results, sys.stdout)
`;

interface DriverResult {
  error: string | null;
  runs: [stdout: string, stderr: string][];
}

function runBatch(specs: readonly RowSpec[], hashSeed: string): DriverResult[] {
  const out = execFileSync(PYTHON, ['-c', DRIVER], {
    input: JSON.stringify(specs.map((s) => ({ program: s.program, inputs: s.inputs }))),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20_000,
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONHASHSEED: hashSeed },
  });
  return JSON.parse(out) as DriverResult[];
}

const lineCount = (program: string) => program.replace(/\n+$/, '').split('\n').length;

describe('progen: determinism and variety', () => {
  it('gives the same program, inputs and statement for the same seed', () => {
    for (const seed of [0, 1, 7, 12345, 2 ** 40]) {
      expect(generateProgram(seed)).toEqual(generateProgram(seed));
      expect(generateRowSpec(seed)).toEqual(generateRowSpec(seed));
    }
    expect(generateProgram(1).program).not.toBe(generateProgram(2).program);
  });

  it('uses the first row input as the program input', () => {
    for (const seed of SEEDS.slice(0, 50)) expect(generateProgram(seed).inputs).toBe(SPECS[seed].inputs[0]);
  });

  it('varies kinds, structure and size over 300 seeds', () => {
    const kinds = new Set(SPECS.map((s) => s.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(15);
    for (const k of kinds) expect(PROGEN_KINDS).toContain(k);
    const shapes = new Set(SPECS.map((s) => s.program.replace(/\d/g, '0')));
    expect(shapes.size).toBeGreaterThanOrEqual(250);
    const avg = SPECS.reduce((t, s) => t + lineCount(s.program), 0) / SPECS.length;
    expect(avg).toBeGreaterThanOrEqual(8);
    expect(avg).toBeLessThanOrEqual(40);
  });

  it('draws distinct, newline-terminated inputs that pass ABD line heuristic', () => {
    for (const s of SPECS) {
      expect(s.inputs).toHaveLength(CASES);
      expect(new Set(s.inputs).size, `seed ${s.seed}`).toBe(CASES);
      // affine-envs.md §5.2 check (2): the reference input must be an acceptable answer itself.
      const calls = s.program.split('input()').length - 1;
      for (const input of s.inputs) {
        expect(input.endsWith('\n')).toBe(true);
        const lines = input.replace(/\n$/, '').split('\n');
        if (s.program.includes('for _ in range(int(input()))') && /^\d+$/.test(lines[0]))
          expect(lines.length).toBeGreaterThan(Number(lines[0]));
        else expect(lines.length).toBeGreaterThanOrEqual(calls);
      }
    }
  });

  it('writes statements with an input and an output section', () => {
    for (const s of SPECS) expect(s.statement).toMatch(/\n\nInput\n[^\n]+\n\nOutput\n[^\n]+\.$/);
  });
});

describe('progen: programs run under CPython', () => {
  it('parses and runs every program of 300 seeds without stderr and with output, deterministically', () => {
    const a = runBatch(SPECS, '1');
    const failures: string[] = [];
    a.forEach((r, i) => {
      const s = SPECS[i];
      if (r.error) failures.push(`seed ${s.seed} (${s.kind}): ${r.error}`);
      r.runs.forEach(([stdout, stderr], j) => {
        if (stderr || !stdout.trim()) failures.push(`seed ${s.seed} (${s.kind}) input ${j}: ${stderr || 'no output'}`);
      });
    });
    expect(failures).toEqual([]);
    // A different hash seed changes set and str-hash order: outputs must not depend on it.
    expect(runBatch(SPECS, '2')).toEqual(a);
  });
});

describe('progen: rows', () => {
  const ok = (stdout: string, over: Partial<ExecResult> = {}): ExecResult => ({
    stdout,
    stderr: '',
    exitCode: 0,
    timedOut: false,
    outputExceeded: false,
    crashed: false,
    wallMs: 1,
    ...over,
  });

  it('completes rows in the rl-python schema', () => {
    const spec = SPECS[0];
    const row: DatasetRow = completeRow(spec, ['a\n', 'b\n', 'c\n']);
    expect(row.program).toBe(spec.program);
    expect(row.inputs).toBe(spec.inputs[0]);
    expect(row.output).toBeUndefined();
    expect(row.prompt).toBe(`${spec.statement}\n\nExample\n\nInput:\n${spec.inputs[0]}\nOutput:\na\n`);
    const cases = (JSON.parse(row.verification_info as string) as { test_cases: StdioCase[] }).test_cases;
    expect(cases).toEqual(spec.inputs.map((input, i) => ({ type: 'stdin_stdout', input, output: 'abc'[i] + '\n' })));
    expect(() => completeRow(spec, ['x'])).toThrow(RangeError);
  });

  it('rejects programs that fail, time out, write stderr or print nothing', async () => {
    const outcomes: Record<number, ExecResult> = {
      0: ok('fine\n'),
      1: ok('', { stderr: 'Traceback', exitCode: 1 }),
      2: ok('partial', { timedOut: true, stderr: '\n[TIMEOUT]', exitCode: null }),
      3: ok(' \n'),
      4: ok('x\n', { stderr: 'SyntaxWarning: invalid escape sequence' }),
      5: ok('x\n', { exitCode: 3 }),
    };
    const exec: Executor = {
      run: async (req) => outcomes[SPECS.findIndex((s) => s.program === req.code)] ?? ok('?\n'),
    };
    const { rows, rejected } = await generateRows(exec, [0, 1, 2, 3, 4, 5]);
    expect(rows.map((r) => r.seed)).toEqual([0]);
    expect(rejected.map((r) => [r.seed, r.reason.replace(/:.*/s, '')])).toEqual([
      [1, 'input 1'],
      [2, 'input 1'],
      [3, 'input 1'],
      [4, 'input 1'],
      [5, 'input 1'],
    ]);
    expect(rejected.map((r) => r.reason)).toEqual([
      'input 1: stderr: Traceback',
      'input 1: timed out',
      'input 1: no output',
      'input 1: stderr: SyntaxWarning: invalid escape sequence',
      'input 1: exit code 3',
    ]);
    expect(rejected[0].kind).toBe(SPECS[1].kind);
  });

  it('fills outputs by running each program through a subprocess Executor', async () => {
    const seeds = SEEDS.slice(0, 24);
    const { rows, rejected } = await generateRows(new PythonExecutor({ python: PYTHON }), seeds);
    expect(rejected).toEqual([]);
    expect(rows.map((r) => r.seed)).toEqual(seeds);
    const batch = runBatch(SPECS.slice(0, 24), '0');
    rows.forEach((row, i) => {
      const cases = (JSON.parse(row.verification_info) as { test_cases: StdioCase[] }).test_cases;
      expect(cases.map((c) => c.input)).toEqual(SPECS[i].inputs);
      expect(cases.map((c) => c.output)).toEqual(batch[i].runs.map(([stdout]) => stdout));
      expect(row.prompt.startsWith(SPECS[i].statement)).toBe(true);
    });
  });
});
