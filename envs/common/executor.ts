// Affine's ProgramExecutor semantics on top of a sandbox `Executor`, plus the text helpers ABD, DED and PRINT share.
// Mirrors AffineFoundation/affinetes environments/affine/executor.py @ 345b7bcf (docs/affine-envs.md §3.2, §5.3).
// Both realms: pure apart from the Executor it is given.

import type { ExecResult, Executor } from '../../src/shared/api/sandbox';
import type { Dataset, DatasetRow, EnvContext } from '../types';
import { PY_WHITESPACE, pyRstrip, pySplitlines, pyStrip } from '../../src/shared/pystr';
import { pyJsonDumps, type PyValue } from './pyvalue';

/** Regex class body for Python's `\s` (str patterns). */
export const WS = PY_WHITESPACE;

/** A pattern matching `word` the way Python's IGNORECASE does for ASCII letters (which also folds İ ı → i, ſ → s). */
export function pyIgnoreCase(word: string): string {
  const extra: Record<string, string> = { i: '\u0130\u0131', s: '\u017f', k: '\u212a' };
  return [...word]
    .map((c) => {
      const l = c.toLowerCase();
      if (!/[a-z]/.test(l)) return c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
      return `[${l}${l.toUpperCase()}${extra[l] ?? ''}]`;
    })
    .join('');
}

const PY_FENCE_BLOCK = new RegExp(`\`\`\`python[${WS}]*\\n([\\s\\S]*?)\`\`\``, 'g');
// Python's \w (str.isalnum() or '_'); the engine's Unicode tables may be newer than Python 3.12's.
const ANY_FENCE_BLOCK = new RegExp(`\`\`\`(?:[\\p{L}\\p{N}_]*)[${WS}]*\\n([\\s\\S]*?)\`\`\``, 'gu');
const LOOSE_FENCE = new RegExp(`\`\`\`(?:${pyIgnoreCase('python')})?[${WS}]*([\\s\\S]*?)\`\`\``);

/**
 * `ProgramExecutor._strip_fences`: the last ```python block, else the last fenced block with any info word, else the
 * first ``` … ``` pair (even on one line), else the whole text; the result is `strip()`-ped.
 */
export function stripFences(text: string): string {
  const py = [...text.matchAll(PY_FENCE_BLOCK)];
  if (py.length) return pyStrip(py[py.length - 1][1]);
  const any = [...text.matchAll(ANY_FENCE_BLOCK)];
  if (any.length) return pyStrip(any[any.length - 1][1]);
  const m = LOOSE_FENCE.exec(text);
  return pyStrip(m ? m[1] : text);
}

/** Appended (verbatim) when a program defines `solve` but printed nothing and has no `__main__` guard. */
export const AUTO_RUNNER =
  '\n\nif __name__ == "__main__":\n' +
  '    res = solve()\n' +
  '    if res is not None:\n' +
  '        import sys\n' +
  '        if isinstance(res, (list, tuple)):\n' +
  '            print(*res)\n' +
  '        else:\n' +
  '            print(res)\n';

const HAS_MAIN = new RegExp(`if[${WS}]+__name__[${WS}]*==[${WS}]*['"]__main__['"]`);

/** Affine's wall-clock limit per run (the CPU budget, 10 s, is the sandbox's business). */
export const PROGRAM_TIMEOUT_MS = 30_000;

/** What one `ProgramExecutor.execute` call returns, plus how the sandbox got there. */
export interface ProgramRun {
  /** The code actually run (after `_strip_fences`; without the auto-runner suffix). */
  code: string;
  stdout: string;
  stderr: string;
  /** The auto-runner suffix was appended and the program run a second time. */
  autoRun: boolean;
  /** The last run hit the wall-clock limit (stderr then ends with "\n[TIMEOUT]"). */
  timedOut: boolean;
  /** The last run passed the output cap (the text can then match nothing). */
  outputExceeded: boolean;
  /** The runtime itself died (stderr says so, so the run fails). */
  crashed: boolean;
  wallMs: number;
}

export interface RunProgramOptions {
  /** ABD: add "\n" to a non-empty stdin that lacks one. DED builds its stdin itself; PRINT never adds one. */
  appendNewline?: boolean;
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/**
 * Python reads the child's pipes in text mode (`text=True`), whose universal-newline decoding turns "\r\n" and a lone
 * "\r" into "\n"; the sandbox hands back raw text.
 */
export function universalNewlines(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/** Normalises a sandbox result to what Affine's `_run_once` returns. */
export function affineStreams(r: ExecResult): { stdout: string; stderr: string } {
  let stderr = universalNewlines(r.stderr);
  // A dead runtime must fail the case, as the killed process would upstream: make sure stderr is not blank.
  if (r.crashed && !pyStrip(stderr)) stderr += '\n[CRASHED]';
  // Affine keeps the truncated text with this marker appended; it can match no expected output.
  const stdout = universalNewlines(r.stdout) + (r.outputExceeded ? '\n…<truncated>' : '');
  return { stdout, stderr };
}

/**
 * `ProgramExecutor.execute(code, stdin)`: strips fences, runs the program, and when stdout and stderr are both blank,
 * the code has `def solve` and no `__main__` guard, runs it again with AUTO_RUNNER appended.
 */
export async function runProgram(
  exec: Executor,
  code: string,
  stdin: string,
  opts: RunProgramOptions = {},
): Promise<ProgramRun> {
  const src = stripFences(code);
  const input = opts.appendNewline && stdin && !stdin.endsWith('\n') ? stdin + '\n' : stdin;
  const req = { stdin: input, timeoutMs: opts.timeoutMs ?? PROGRAM_TIMEOUT_MS, maxOutputBytes: opts.maxOutputBytes };
  let r = await exec.run({ ...req, code: src });
  let streams = affineStreams(r);
  let autoRun = false;
  let wallMs = r.wallMs;
  if (!pyStrip(streams.stdout) && !pyStrip(streams.stderr) && src.includes('def solve') && !HAS_MAIN.test(src)) {
    autoRun = true;
    r = await exec.run({ ...req, code: src + AUTO_RUNNER });
    streams = affineStreams(r);
    wallMs += r.wallMs;
  }
  return {
    code: src,
    ...streams,
    autoRun,
    timedOut: r.timedOut,
    outputExceeded: r.outputExceeded,
    crashed: r.crashed,
    wallMs,
  };
}

/** True when a run failed for a reason the browser sandbox may judge differently from native CPython (§3.3). */
export function hitSandboxLimit(run: Pick<ProgramRun, 'timedOut' | 'crashed'>): boolean {
  return run.timedOut || run.crashed;
}

// ------------------------------------------------------------------------------------------------------------------
// Shared text helpers

/** `re.sub(r"<think>.*?</think>", "", s, flags=re.DOTALL)`, then the same for `<thinking>` (case-sensitive). */
export function removeThinkBlocks(s: string): string {
  return s.replace(/<think>[\s\S]*?<\/think>/g, '').replace(/<thinking>[\s\S]*?<\/thinking>/g, '');
}

/** DED's `_to_str`: a str as is, a list joined with "\n" after converting each item, anything else `json.dumps`. */
export function toStr(x: PyValue): string {
  if (typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map(toStr).join('\n');
  return pyJsonDumps(x);
}

/** DED's `_normalize`: `"\n".join(line.rstrip() for line in text.rstrip().splitlines())`. */
export function normalize(text: string): string {
  return pySplitlines(pyRstrip(text))
    .map((l) => pyRstrip(l))
    .join('\n');
}

/** Shortens long text for `extra` (sample records should stay small). */
export function clip(s: string, max = 2000): string {
  return s.length <= max ? s : s.slice(0, max) + `… (${s.length - max} more characters)`;
}

/** The sandbox from the context, or an error saying the environment cannot run without it. */
export function requireExec(ctx: EnvContext | undefined, env: string): Executor {
  if (!ctx?.exec)
    throw new Error(`${env} needs the Python sandbox (EnvContext.exec), which this host did not provide.`);
  return ctx.exec;
}

/** The dataset from the context, or an error saying the environment cannot run without it. */
export function requireDataset(ctx: EnvContext | undefined, env: string): Dataset {
  if (!ctx?.dataset) {
    throw new Error(`${env} needs a program dataset in the rl-python schema (EnvContext.dataset); import one first.`);
  }
  return ctx.dataset;
}

/** A dataset row lacks a field the environment reads, or it has the wrong type. */
export class DatasetRowError extends Error {
  override name = 'DatasetRowError';
  readonly code = 'dataset_row';
}

/** `dataset[task_id]` with HFDataset.get_by_id's range check (negative or too large: RangeError). */
export async function rowAt(dataset: Dataset, taskId: bigint, env: string): Promise<DatasetRow> {
  if (taskId < 0n || taskId >= BigInt(dataset.length)) {
    throw new RangeError(
      `${env} task id ${taskId} is out of range: dataset "${dataset.name}" has ${dataset.length} rows ` +
        `(valid ids 0..${dataset.length - 1}).`,
    );
  }
  return dataset.row(Number(taskId));
}

/** The row's field as a str, or DatasetRowError naming the row and field. */
export function rowString(row: DatasetRow, field: keyof DatasetRow, index: number | bigint, env: string): string {
  const v = row[field];
  if (typeof v !== 'string') {
    throw new DatasetRowError(
      `${env}: dataset row ${index} has no string "${field}" (got ${v === null ? 'null' : typeof v}); ` +
        'the rl-python schema needs it for this environment.',
    );
  }
  return v;
}

/** Affine's own evaluator raises on this input (upstream then produces no result): not a model score. */
export class EvaluatorError extends Error {
  override name = 'EvaluatorError';
  readonly code: string;
  constructor(message: string, code = 'upstream_evaluator_error') {
    super(message);
    this.code = code;
  }
}
