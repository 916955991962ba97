// SAT answer extraction and scoring, exactly as Affine's `SATTask.evaluate`. Both realms: pure.
// Upstream: `re.findall(r"x(\d+)=(True|False|1|0)", response)`, then all clauses must hold; no partial credit.

import { PY_DIGIT_CLASS, pyDecimalToAscii } from '../../src/shared/pystr';

/**
 * Affine's pattern with Python's `\d` (Unicode 15.0 `Nd`, not JS `\p{Nd}`, whose Unicode is newer). Case-sensitive:
 * `x1 = True` and `x1=true` do not match; `x1=10` matches as `x1=1` because the value alternation needs no boundary.
 */
const ASSIGNMENT_RE = new RegExp(`x([${PY_DIGIT_CLASS}]+)=(True|False|1|0)`, 'gu');

/** Affine's evaluator raises on this reply (so upstream produces no result at all); not a model score. */
export class SatEvaluatorError extends Error {
  readonly code = 'upstream_evaluator_error';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SatEvaluatorError';
  }
}

/**
 * Every `x<digits>=<value>` in the whole reply (think blocks included), later matches overwriting earlier ones.
 * Keys are `int(digits)` in ASCII decimal ('1' for `x01` or `x١`); the value is true iff it is `True` or `1`.
 * Throws SatEvaluatorError where Python's `int()` raises: a variable number longer than 4300 digits.
 */
export function extractAssignment(reply: string): Map<string, boolean> {
  const got = new Map<string, boolean>();
  for (const [, digits, value] of reply.matchAll(ASSIGNMENT_RE)) {
    let key: string;
    try {
      key = pyDecimalToAscii(digits);
    } catch (e) {
      throw new SatEvaluatorError(`Affine's SAT evaluator raises ValueError on this reply: ${(e as Error).message}`, {
        cause: e,
      });
    }
    // `val.lower() in ("true", "1")`: the pattern only admits True/False/1/0, so this is the whole rule.
    got.set(key, value === 'True' || value === '1');
  }
  return got;
}

/** Per-reply details stored with the sample. */
export interface SatScoreExtra {
  /** Distinct variables the reply assigns (any number, even outside x1..xn). */
  assigned: number;
  satisfied_clauses: number;
  clauses: number;
  /** The extracted values of the formula's variables, keyed '1'..'n'; unassigned ones are absent. */
  assignment: Record<string, boolean>;
  [key: string]: unknown;
}

/**
 * Score 1 iff every clause has a literal l with `(l > 0) === got[|l|]`; an unassigned variable satisfies nothing
 * (Python compares with None). Anything else, including an empty reply, scores 0.
 */
export function scoreSat(
  clauses: readonly (readonly number[])[],
  reply: string,
): { score: 0 | 1; extra: SatScoreExtra } {
  const got = extractAssignment(reply);
  let satisfied = 0;
  let maxVar = 0;
  for (const clause of clauses) {
    let ok = false;
    for (const l of clause) {
      const v = Math.abs(l);
      if (v > maxVar) maxVar = v;
      if (got.get(String(v)) === l > 0) ok = true;
    }
    if (ok) satisfied++;
  }
  const assignment: Record<string, boolean> = {};
  for (let v = 1; v <= maxVar; v++) {
    const val = got.get(String(v));
    if (val !== undefined) assignment[String(v)] = val;
  }
  return {
    score: satisfied === clauses.length ? 1 : 0,
    extra: { assigned: got.size, satisfied_clauses: satisfied, clauses: clauses.length, assignment },
  };
}
