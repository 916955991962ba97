// ABD answer extraction and scoring, exactly as `ABDTask.evaluate` in affinetes environments/affine/abd.py @ 345b7bcf.
// Both realms; runs the program once in the sandbox (docs/affine-envs.md §5.2).

import type { Executor } from '../../src/shared/api/sandbox';
import { PY_DIGIT_CLASS, pyDecimalToAscii, pyRstrip, pySplitlines, pyStrip } from '../../src/shared/pystr';
import { clip, EvaluatorError, hitSandboxLimit, pyIgnoreCase, removeThinkBlocks, runProgram } from '../common/executor';
import type { AbdData } from './task';

const TAG = pyIgnoreCase('INPUT');
/** `<INPUT>(.*?)</INPUT>` with IGNORECASE | DOTALL (Python's case folding: `<ınput>` counts too). */
const INPUT_BLOCKS = new RegExp(`<${TAG}>([\\s\\S]*?)</${TAG}>`, 'g');
const INPUT_TAGS = new RegExp(`<${TAG}>[\\s\\S]*?</${TAG}>`);

/**
 * `extract_input_from_response`: think blocks removed, the last `<INPUT>` block, `strip()`, `splitlines()`, each line
 * `rstrip()`-ped, trailing blank lines dropped, joined with "\n". No block gives "".
 */
export function extractInput(reply: string): string {
  const blocks = [...removeThinkBlocks(reply).matchAll(INPUT_BLOCKS)];
  if (!blocks.length) return '';
  const lines = pySplitlines(pyStrip(blocks[blocks.length - 1][1])).map((l) => pyRstrip(l));
  while (lines.length && !pyStrip(lines[lines.length - 1])) lines.pop();
  return lines.join('\n');
}

/**
 * `str.isdigit()`: decimal digits plus the 128 characters with Numeric_Type=Digit (superscripts, circled digits, …)
 * of Unicode 15.0, which `int()` then refuses.
 */
const PY_ISDIGIT = new RegExp(
  `^[${PY_DIGIT_CLASS}\\u00b2\\u00b3\\u00b9\\u1369-\\u1371\\u19da\\u2070\\u2074-\\u2079\\u2080-\\u2089\\u2460-\\u2468` +
    `\\u2474-\\u247c\\u2488-\\u2490\\u24ea\\u24f5-\\u24fd\\u24ff\\u2776-\\u277e\\u2780-\\u2788\\u278a-\\u2792` +
    `\\u{10a40}-\\u{10a43}\\u{10e60}-\\u{10e68}\\u{11052}-\\u{1105a}\\u{1f100}-\\u{1f10a}]+$`,
  'u',
);

/**
 * `_validate_input_for_program`: at least as many lines as `input()` calls, except that a program containing
 * `for _ in range(int(input()))` whose first line is a number needs more lines than that number. Throws
 * EvaluatorError where upstream's `int(lines[0])` raises (a superscript digit, or more than 4300 digits).
 */
export function validateInput(program: string, input: string): boolean {
  const calls = program.split('input()').length - 1;
  const lines = input ? pySplitlines(input) : [];
  if (program.includes('for _ in range(int(input()))') && lines.length && PY_ISDIGIT.test(lines[0])) {
    let n: bigint;
    try {
      n = BigInt(pyDecimalToAscii(lines[0]));
    } catch (e) {
      throw new EvaluatorError(`Affine's ABD evaluator raises ValueError on this input: ${(e as Error).message}`);
    }
    return BigInt(lines.length) > n;
  }
  return lines.length >= calls;
}

/** `compare_outputs`: equal, or equal after strip() and CRLF→LF, or equal line lists after rstrip() of each line. */
export function compareOutputs(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  const exp = pyStrip(expected).replaceAll('\r\n', '\n');
  const act = pyStrip(actual).replaceAll('\r\n', '\n');
  if (exp === act) return true;
  const a = pySplitlines(exp).map((l) => pyRstrip(l));
  const b = pySplitlines(act).map((l) => pyRstrip(l));
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

export type AbdVerdict = 'correct' | 'no_input' | 'too_few_lines' | 'stderr' | 'wrong_output';

export interface AbdScoreExtra {
  verdict: AbdVerdict;
  extracted_input: string;
  actual_output?: string;
  stderr?: string;
  auto_run?: boolean;
  /** The run hit the sandbox's wall clock or crashed: native CPython might have judged differently (§3.3). */
  sandbox_limit?: boolean;
  [key: string]: unknown;
}

/**
 * Scores a reply: 0 without `<INPUT>` tags, when the line heuristic fails, when the run writes anything to stderr,
 * or when the output differs; else 1. Throws EvaluatorError where Affine's evaluator raises (expected output None).
 */
export async function scoreAbd(
  exec: Executor,
  data: AbdData,
  reply: string,
): Promise<{ score: 0 | 1; extra: AbdScoreExtra }> {
  const input = extractInput(reply);
  const extra: AbdScoreExtra = { verdict: 'no_input', extracted_input: clip(input) };
  if (!input && !INPUT_TAGS.test(reply)) return { score: 0, extra };
  if (!validateInput(data.program, input)) return { score: 0, extra: { ...extra, verdict: 'too_few_lines' } };
  const run = await runProgram(exec, data.program, input, { appendNewline: true });
  Object.assign(extra, { actual_output: clip(run.stdout), auto_run: run.autoRun });
  if (hitSandboxLimit(run)) extra.sandbox_limit = true;
  if (run.stderr) return { score: 0, extra: { ...extra, verdict: 'stderr', stderr: clip(run.stderr) } };
  if (data.expectedOutput === null) {
    throw new EvaluatorError("Affine's ABD evaluator raises AttributeError here: the task's expected output is None.");
  }
  const ok = compareOutputs(data.expectedOutput, run.stdout);
  return { score: ok ? 1 : 0, extra: { ...extra, verdict: ok ? 'correct' : 'wrong_output' } };
}
