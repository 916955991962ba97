// DED scoring, exactly as `DEDTask.evaluate` in affinetes environments/affine/ded.py @ 345b7bcf: parse the row's test
// cases, run the fenced program on each, stop at the first failure. Both realms; runs programs in the sandbox.

import type { Executor } from '../../src/shared/api/sandbox';
import { pyStrip } from '../../src/shared/pystr';
import { clip, EvaluatorError, hitSandboxLimit, normalize, runProgram, stripFences, toStr } from '../common/executor';
import {
  fromJs,
  isPyDict,
  isPyTuple,
  PyLiteralError,
  pyDictGet,
  pyRepr,
  pyStr,
  pyTruthy,
  pyTypeName,
  type PyValue,
} from '../common/pyvalue';
import { pyJsonLoads } from '../common/pyjson';
import { pyLiteralEval } from '../common/pyliteral';
import type { DedData } from './task';

/** How the test cases were read. */
export type ParsedVia = 'json' | 'literal_eval' | 'object';

/** Python truthiness of a raw row value (for `verification_info or test_cases`). */
function rawTruthy(x: unknown): boolean {
  if (x === null || x === undefined) return false;
  if (typeof x === 'string' || Array.isArray(x)) return x.length > 0;
  if (typeof x === 'number') return x !== 0;
  if (typeof x === 'bigint') return x !== 0n;
  if (typeof x === 'boolean') return x;
  if (typeof x === 'object') return Object.keys(x).length > 0;
  return true;
}

/** Rethrows what Python would not have raised (a construct this port does not model) as an evaluator error. */
function unsupported(e: unknown): never {
  if (e instanceof PyLiteralError && e.code === 'unsupported') {
    throw new EvaluatorError(
      `DED test cases use ${e.message}; this sample cannot be scored here.`,
      'unsupported_literal',
    );
  }
  throw e;
}

/**
 * `verification_info or test_cases`, a str parsed with `json.loads`, falling back to `ast.literal_eval` on a
 * JSONDecodeError; any other value is used as is. Returns null where upstream's `except` scores 0.
 */
export function parseTestCases(data: Pick<DedData, 'verificationInfo' | 'testCases'>): {
  value: PyValue;
  via: ParsedVia;
} | null {
  const raw = rawTruthy(data.verificationInfo) ? data.verificationInfo : data.testCases;
  if (typeof raw !== 'string') {
    try {
      return { value: fromJs(raw), via: 'object' };
    } catch (e) {
      return unsupported(e);
    }
  }
  try {
    return { value: pyJsonLoads(raw), via: 'json' };
  } catch (e) {
    if (!(e instanceof PyLiteralError) || e.code !== 'json_decode') return null;
  }
  try {
    return { value: pyLiteralEval(raw), via: 'literal_eval' };
  } catch (e) {
    if (e instanceof PyLiteralError && e.code === 'value') return null;
    return unsupported(e);
  }
}

/** Python's `for x in v` over what `test_cases` holds; other types raise TypeError upstream. */
function iterate(v: PyValue): PyValue[] {
  if (typeof v === 'string') return [...v];
  if (Array.isArray(v)) return v;
  if (isPyTuple(v)) return v.items;
  if (isPyDict(v)) return v.entries.map(([k]) => k);
  throw new EvaluatorError(`Affine's DED evaluator raises TypeError: object of type '${pyTypeName(v)}' has no len()`);
}

/** One test case as upstream prepares it, before running. */
export type DedStep =
  | { kind: 'run'; type: 'stdin_stdout' | 'function_call'; stdin: string; program: string; expected: string }
  /** A case of another type: skipped, and the total shrinks by one. */
  | { kind: 'skip' }
  /** Upstream's evaluator raises on reaching this case (not a dict, or a value json.dumps rejects). */
  | { kind: 'crash'; message: string };

/** The steps of `DEDTask.evaluate`, or why it scores 0 before running anything. */
export type DedPlan =
  { steps: DedStep[]; via: ParsedVia } | { error: 'unparseable_test_cases' | 'no_test_cases'; via?: ParsedVia };

function crashStep(e: unknown): DedStep {
  if (e instanceof PyLiteralError && e.code === 'value') {
    return { kind: 'crash', message: `Affine's DED evaluator raises TypeError: ${e.message}` };
  }
  throw e;
}

/** Prepares one case exactly as the loop body of `DEDTask.evaluate` does. */
function stepFor(program: string, c: PyValue): DedStep {
  if (!isPyDict(c)) {
    return {
      kind: 'crash',
      message: `Affine's DED evaluator raises AttributeError: '${pyTypeName(c)}' object has no attribute 'get'`,
    };
  }
  const ctype = pyDictGet(c, 'type');
  try {
    if (ctype === 'stdin_stdout') {
      let stdin = toStr(pyDictGet(c, 'input'));
      if (!stdin.endsWith('\n')) stdin += '\n';
      return { kind: 'run', type: ctype, stdin, program, expected: toStr(pyDictGet(c, 'output')) };
    }
    if (ctype === 'function_call') {
      const fn = pyDictGet(c, 'fn_name');
      const args = pyDictGet(c, 'input', []);
      const prog =
        program +
        '\n' +
        "if __name__ == '__main__':\n" +
        `    result = ${pyStr(fn)}(*${pyRepr(args)})\n` +
        '    print(result)';
      const out = pyDictGet(c, 'output');
      const expected = toStr(Array.isArray(out) && out.length ? out[0] : out);
      return { kind: 'run', type: ctype, stdin: '', program: prog, expected };
    }
  } catch (e) {
    return crashStep(e);
  }
  return { kind: 'skip' };
}

/**
 * Everything `DEDTask.evaluate` does before running programs: parse the test cases and build each case's stdin,
 * program and expected output. Throws EvaluatorError where upstream raises before the loop (test cases that are not a
 * dict, `test_cases` that cannot be iterated).
 */
export function planDed(program: string, data: Pick<DedData, 'verificationInfo' | 'testCases'>): DedPlan {
  const parsed = parseTestCases(data);
  if (!parsed) return { error: 'unparseable_test_cases' };
  const { value, via } = parsed;
  if (!isPyDict(value)) {
    throw new EvaluatorError(
      `Affine's DED evaluator raises AttributeError: '${pyTypeName(value)}' object has no attribute 'get'`,
    );
  }
  const cases = pyDictGet(value, 'test_cases');
  if (!pyTruthy(cases)) return { error: 'no_test_cases', via };
  return { steps: iterate(cases).map((c) => stepFor(program, c)), via };
}

export interface DedCaseFailure {
  /** 1-based, as upstream logs it. */
  case: number;
  type: string;
  reason: 'stderr' | 'wrong_output';
  expected: string;
  got: string;
  stderr?: string;
}

export interface DedScoreExtra {
  passed: number;
  /** Cases of a known type (unknown types are skipped and not counted). */
  total: number;
  parsed_via?: ParsedVia;
  /** Why the score is 0 before any case ran. */
  error?: 'unparseable_test_cases' | 'no_test_cases';
  failure?: DedCaseFailure;
  sandbox_limit?: boolean;
  [key: string]: unknown;
}

/**
 * Extracts the program with `_strip_fences` and runs the test cases in order, stopping at the first failure; 1 iff
 * every known-type case passes (so 1 when every case has an unknown type). Throws EvaluatorError where upstream
 * raises.
 */
export async function scoreDed(
  exec: Executor,
  data: DedData,
  reply: string,
): Promise<{ score: 0 | 1; extra: DedScoreExtra }> {
  const plan = planDed(stripFences(reply), data);
  if ('error' in plan) return { score: 0, extra: { passed: 0, total: 0, error: plan.error, parsed_via: plan.via } };
  const extra: DedScoreExtra = { passed: 0, total: plan.steps.length, parsed_via: plan.via };
  for (const [n, step] of plan.steps.entries()) {
    if (step.kind === 'skip') {
      extra.total--;
      continue;
    }
    if (step.kind === 'crash') throw new EvaluatorError(step.message);
    const run = await runProgram(exec, step.program, step.stdin);
    if (hitSandboxLimit(run)) extra.sandbox_limit = true;
    const okRun = !pyStrip(run.stderr);
    if (okRun && normalize(run.stdout) === normalize(step.expected)) {
      extra.passed++;
      continue;
    }
    extra.failure = {
      case: n + 1,
      type: step.type,
      reason: okRun ? 'wrong_output' : 'stderr',
      expected: clip(step.expected, 500),
      got: clip(run.stdout, 500),
      ...(okRun ? {} : { stderr: clip(run.stderr, 500) }),
    };
    break;
  }
  return { score: extra.passed === extra.total ? 1 : 0, extra };
}
