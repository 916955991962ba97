// SAT task generation: Affine's planted k-SAT instance and its verbatim prompt from a task id. Both realms: pure.
// Mirrors `SATTask.generate` in affinetes environments/affine/sat.py @ 345b7bcf draw for draw.

import { PythonRandom } from '../../src/shared/random/python-random';
import { SAT_CONFIG, type SatConfig } from './meta';

/** A generated instance. Literals are signed variable numbers: 7 is x7, -7 is ¬x7. */
export interface SatInstance {
  /** The planted assignment: `solution[i - 1]` is the value of x_i. */
  solution: boolean[];
  /** m clauses of k literals each, in Affine's order (the order the prompt shows). */
  clauses: number[][];
}

const BOOLS = [true, false] as const;

/**
 * Builds the instance Affine builds for `task_id` (`random.Random(task_id)`). Python accepts any int, and a negative
 * seed behaves as its absolute value, but validators only use ids >= 0, so negative ids are refused.
 */
export function generateSat(taskId: bigint, config: SatConfig = SAT_CONFIG): SatInstance {
  if (typeof taskId !== 'bigint') throw new TypeError(`SAT task id must be a bigint, got ${typeof taskId}`);
  if (taskId < 0n) throw new RangeError(`SAT task id must be a non-negative integer, got ${taskId}`);
  const { n, k, m } = config;
  const rng = new PythonRandom(taskId);
  // sol = {i: rng.choice([True, False]) for i in range(1, n + 1)}
  const solution: boolean[] = [];
  for (let i = 1; i <= n; i++) solution.push(rng.choice(BOOLS));
  const clauses: number[][] = [];
  for (let c = 0; c < m; c++) {
    // vs = rng.sample(list(sol), k): list(sol) is [1..n], so sample indices and add 1.
    const vs = rng.sampleRange(n, k).map((i) => i + 1);
    const sv = rng.choice(vs);
    // Left to right; the planted literal takes its sign from the solution and consumes no draw.
    clauses.push(vs.map((v) => (v === sv ? (solution[v - 1] ? v : -v) : rng.choice(BOOLS) ? v : -v)));
  }
  return { solution, clauses };
}

/** One literal as Affine prints it: `x7` or `¬x7` (U+00AC). */
function literal(l: number): string {
  return (l < 0 ? '\u00ac' : '') + 'x' + Math.abs(l);
}

/** The formula: clauses joined by ` ∧ ` (U+2227), each `(l1 ∨ l2 ∨ ...)` (U+2228). */
export function satFormula(clauses: readonly (readonly number[])[]): string {
  return clauses.map((c) => '(' + c.map(literal).join(' \u2228 ') + ')').join(' \u2227 ');
}

/** The exact user message Affine sends, without a trailing newline. */
export function satPrompt(clauses: readonly (readonly number[])[], config: SatConfig = SAT_CONFIG): string {
  return (
    `Find a satisfying assignment for the following ${config.k}-SAT formula over variables x1..x${config.n}:\n` +
    `${satFormula(clauses)}\n` +
    'Provide your answer as comma-separated assignments like `x1=True, x2=False, ...`, ' +
    'or respond `UNSAT` if it has no solution.'
  );
}
