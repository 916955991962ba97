// Dataset rows in the AffineFoundation/rl-python schema from generated programs: the statement and inputs come from
// the generator, the expected outputs from running the program, and any program that misbehaves is dropped.
// Both realms: pure apart from the Executor the host passes in.

import type { Executor } from '../api/sandbox';
import { buildProgram } from './program';

/** One DED test case, as in `verification_info.test_cases`. */
export interface StdioCase {
  type: 'stdin_stdout';
  input: string;
  output: string;
}

/** What can be generated without running Python: the program, its statement and the test inputs. */
export interface RowSpec {
  seed: number;
  kind: string;
  program: string;
  /** The statement without the example, which needs an output. */
  statement: string;
  /** CASES distinct stdins; the first is also the row's `inputs`. */
  inputs: string[];
}

/**
 * A row as ABD, DED and PRINT read it (envs/types.ts DatasetRow) plus its provenance. `verification_info` is a JSON
 * string, as in the Hugging Face dataset; `output` stays unset because ABD recomputes it by running the program.
 */
export interface ProgenRow {
  program: string;
  inputs: string;
  output?: undefined;
  prompt: string;
  verification_info: string;
  seed: number;
  kind: string;
}

export interface Rejection {
  seed: number;
  kind: string;
  /** Which input failed and how: 'input 2: stderr: Traceback …'. */
  reason: string;
}

export interface GeneratedRows {
  rows: ProgenRow[];
  rejected: Rejection[];
}

export const CASES = 3;

/** Program, statement and CASES distinct inputs for a seed. */
export function generateRowSpec(seed: number): RowSpec {
  const b = buildProgram(seed);
  const inputs: string[] = [];
  // Small input spaces (fizzbuzz's n, say) can repeat a draw; a few retries keep the cases distinct when possible.
  for (let tries = 0; inputs.length < CASES && tries < 8 * CASES; tries++) {
    const x = b.drawInput();
    if (!inputs.includes(x)) inputs.push(x);
  }
  while (inputs.length < CASES) inputs.push(b.drawInput());
  return { seed, kind: b.kind, program: b.program, statement: b.prompt, inputs };
}

/** The finished row, given the program's stdout for each input (in order). The first case becomes the example. */
export function completeRow(spec: RowSpec, outputs: string[]): ProgenRow {
  if (outputs.length !== spec.inputs.length)
    throw new RangeError(`completeRow needs ${spec.inputs.length} outputs, got ${outputs.length}`);
  const cases: StdioCase[] = spec.inputs.map((input, i) => ({ type: 'stdin_stdout', input, output: outputs[i] }));
  const example = `Example\n\nInput:\n${spec.inputs[0]}\nOutput:\n${outputs[0]}`;
  return {
    program: spec.program,
    inputs: spec.inputs[0],
    prompt: `${spec.statement}\n\n${example.trimEnd()}\n`,
    verification_info: JSON.stringify({ test_cases: cases }),
    seed: spec.seed,
    kind: spec.kind,
  };
}

/**
 * Generates and checks one row per seed: each program runs on each of its inputs through `exec`, and a program is
 * rejected (and reported) if any run errors, times out, writes to stderr (which fails ABD and DED cases) or prints
 * only whitespace.
 */
export async function generateRows(
  exec: Executor,
  seeds: readonly number[],
  opts: { timeoutMs?: number } = {},
): Promise<GeneratedRows> {
  const rows: ProgenRow[] = [];
  const rejected: Rejection[] = [];
  for (const seed of seeds) {
    const spec = generateRowSpec(seed);
    const results = await Promise.all(
      spec.inputs.map((stdin) => exec.run({ code: spec.program, stdin, timeoutMs: opts.timeoutMs ?? 10_000 })),
    );
    const bad = results
      .map((r, i) => {
        const why = r.timedOut
          ? 'timed out'
          : r.crashed
            ? 'runtime crashed'
            : r.outputExceeded
              ? 'output too large'
              : r.stderr !== ''
                ? `stderr: ${r.stderr.slice(0, 200)}`
                : r.exitCode !== 0
                  ? `exit code ${r.exitCode}`
                  : r.stdout.trim() === ''
                    ? 'no output'
                    : '';
        return why && `input ${i + 1}: ${why}`;
      })
      .find((w) => w);
    if (bad) rejected.push({ seed, kind: spec.kind, reason: bad });
    else
      rows.push(
        completeRow(
          spec,
          results.map((r) => r.stdout),
        ),
      );
  }
  return { rows, rejected };
}
