// The mock endpoint's "solver" model: reads an Affine SAT prompt and answers with a satisfying assignment. Node realm
// (pure code, used by the demo and test server in mock-endpoint.ts).

/** A CNF formula: literals are ±variable, variables count from 1. */
export interface SatFormula {
  vars: number;
  clauses: number[][];
}

// One clause as Affine writes it: `(x3 ∨ ¬x7 ∨ x1)` (U+2228 OR, U+00AC NOT).
const CLAUSE = /\(\s*¬?x\d+(?:\s*∨\s*¬?x\d+)*\s*\)/g;
const LITERAL = /(¬?)x(\d+)/g;
const DECLARED = /variables x1\.\.x(\d+)/;
/** Guards against prompts like `(x999999999)` making the solver allocate gigabytes. */
const MAX_VARS = 100_000;

/** Finds the formula in a prompt; null when the prompt contains no clause. */
export function parseSatPrompt(prompt: string): SatFormula | null {
  const clauses: number[][] = [];
  let vars = Number(DECLARED.exec(prompt)?.[1] ?? 0);
  for (const clause of prompt.matchAll(CLAUSE)) {
    const literals: number[] = [];
    for (const [, not, index] of clause[0].matchAll(LITERAL)) {
      const v = Number(index);
      if (v < 1 || v > MAX_VARS) return null;
      literals.push(not ? -v : v);
      if (v > vars) vars = v;
    }
    clauses.push(literals);
  }
  return clauses.length && vars <= MAX_VARS ? { vars, clauses } : null;
}

/** 32-bit FNV-1a over UTF-16 code units: a cheap, stable seed from the prompt. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * WalkSAT with restarts: `assignment[v]` for v in 1..vars, or null when none was found within the flip budget. For
 * Affine's planted 10-SAT a random assignment already satisfies every clause most of the time, so this is fast.
 */
export function solveSat(f: SatFormula, seed: number, maxFlips = 50_000): boolean[] | null {
  const rand = mulberry32(seed);
  const n = f.vars;
  const m = f.clauses.length;
  // occ[n + lit] lists the clauses containing literal lit (lit in -n..n).
  const occ: number[][] = Array.from({ length: 2 * n + 1 }, () => []);
  f.clauses.forEach((clause, c) => clause.forEach((lit) => occ[n + lit].push(c)));
  const value = new Uint8Array(n + 1);
  const numTrue = new Int32Array(m);
  const unsat: number[] = [];
  const where = new Int32Array(m).fill(-1);
  const isTrue = (lit: number) => (lit > 0 ? value[lit] === 1 : value[-lit] === 0);
  const addUnsat = (c: number) => ((where[c] = unsat.length), unsat.push(c));
  const removeUnsat = (c: number) => {
    const last = unsat.pop()!;
    if (last !== c) {
      unsat[where[c]] = last;
      where[last] = where[c];
    }
    where[c] = -1;
  };
  const restart = () => {
    for (let v = 1; v <= n; v++) value[v] = rand() < 0.5 ? 1 : 0;
    unsat.length = 0;
    where.fill(-1);
    for (let c = 0; c < m; c++) {
      let t = 0;
      for (const lit of f.clauses[c]) if (isTrue(lit)) t++;
      numTrue[c] = t;
      if (t === 0) addUnsat(c);
    }
  };
  const flip = (v: number) => {
    const nowTrue = value[v] ? -v : v; // the literal that becomes true
    value[v] ^= 1;
    for (const c of occ[n + nowTrue]) if (numTrue[c]++ === 0) removeUnsat(c);
    for (const c of occ[n - nowTrue]) if (--numTrue[c] === 0) addUnsat(c);
  };
  // Clauses that flipping v would leave with no true literal.
  const breaks = (v: number) => {
    let b = 0;
    for (const c of occ[n + (value[v] ? v : -v)]) if (numTrue[c] === 1) b++;
    return b;
  };
  const restartEvery = Math.max(100, 10 * n);
  restart();
  for (let step = 0; step < maxFlips && unsat.length; step++) {
    if (step > 0 && step % restartEvery === 0) restart();
    if (!unsat.length) break;
    const clause = f.clauses[unsat[Math.floor(rand() * unsat.length)]];
    let pick = clause[Math.floor(rand() * clause.length)];
    if (rand() >= 0.5) {
      let best = Infinity;
      for (const lit of clause) {
        const b = breaks(Math.abs(lit));
        if (b < best) {
          best = b;
          pick = lit;
        }
      }
    }
    flip(Math.abs(pick));
  }
  if (unsat.length) return null;
  return Array.from(value, (x) => x === 1);
}

/** Formats an assignment the way Affine's SAT prompt asks: `x1=True, x2=False, ...`. */
export function formatAssignment(assignment: boolean[]): string {
  const parts: string[] = [];
  for (let v = 1; v < assignment.length; v++) parts.push(`x${v}=${assignment[v] ? 'True' : 'False'}`);
  return parts.join(', ');
}

/** The solver model's whole reply to a prompt; deterministic, since the seed is a hash of the prompt. */
export function solverReply(prompt: string): string {
  const formula = parseSatPrompt(prompt);
  if (!formula) return 'I do not know.';
  const assignment = solveSat(formula, hashString(prompt));
  return assignment ? formatAssignment(assignment) : 'UNSAT';
}
