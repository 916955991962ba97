// HVM answer extraction and scoring, exactly as `HVM._parse_holes` and `HVM.evaluate` in affine/envs/hvm.py
// @ c0d2a1ee. The VM runs here in TypeScript rather than in the Python sandbox: upstream's sandboxed runner is the
// same interpreter, and its failures (SystemExit, no output) fail the case just as a null run does. Both realms: pure.

import { PY_DIGIT_CLASS, PY_WHITESPACE, pyDecimalToAscii, pySplitlines, pyStrip } from '../../src/shared/pystr';
import { EvaluatorError, pyIgnoreCase } from '../common/executor';
import { HVM_PROGRAM, type HvmProgram } from './meta';
import type { HvmData } from './task';
import { canon, runVm } from './vm';

const WS = `[${PY_WHITESPACE}]`;
const TAG = pyIgnoreCase('HOLES');
/** `<HOLES>\s*(.*?)\s*</HOLES>` with DOTALL | IGNORECASE. */
const HOLES_BLOCK = new RegExp(`<${TAG}>${WS}*([\\s\\S]*?)${WS}*</${TAG}>`, 'g');
/** `re.match(r"(\?[a-zA-Z]\w*)\s*=\s*(-?\d+)$", line)` with Python's Unicode `\w` and `\d`. */
const HOLE_LINE = new RegExp(`^(\\?[a-zA-Z][\\p{L}\\p{N}_]*)${WS}*=${WS}*(-?[${PY_DIGIT_CLASS}]+)$`, 'u');

/**
 * `_parse_holes`: the last `<HOLES>` block, `strip()`, `splitlines()`; blank lines and `#` comments skipped; any other
 * line must be `?name = int` or the whole answer is rejected (null). A later line overwrites an earlier one.
 */
export function parseHoles(reply: string): Map<string, bigint> | null {
  const blocks = [...reply.matchAll(HOLES_BLOCK)];
  if (!blocks.length) return null;
  const out = new Map<string, bigint>();
  for (const raw of pySplitlines(pyStrip(blocks[blocks.length - 1][1]))) {
    const line = pyStrip(raw);
    if (!line || line.startsWith('#')) continue;
    const m = HOLE_LINE.exec(line);
    if (!m) return null;
    const neg = m[2].startsWith('-');
    let digits: string;
    try {
      digits = pyDecimalToAscii(neg ? m[2].slice(1) : m[2]);
    } catch (e) {
      throw new EvaluatorError(`Affine's HVM evaluator raises ValueError on this reply: ${(e as Error).message}`);
    }
    out.set(m[1], neg ? -BigInt(digits) : BigInt(digits));
  }
  return out;
}

export interface HvmScoreExtra {
  passed: number;
  total: number;
  /** Why the answer was rejected before running, as upstream words it. */
  error?: string;
  holes?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * 1 iff the reply's mapping names exactly the program's holes, every value lies in its domain, and the VM reproduces
 * all expected outputs (after `_canon`); else 0.
 */
export function scoreHvm(
  data: HvmData,
  reply: string,
  prog: HvmProgram = HVM_PROGRAM,
): { score: 0 | 1; extra: HvmScoreExtra } {
  const total = data.inputs.length;
  const holes = parseHoles(reply);
  if (!holes) return { score: 0, extra: { passed: 0, total, error: 'Missing or invalid <HOLES> block' } };
  const shown = Object.fromEntries([...holes].map(([k, v]) => [k, v.toString()]));
  const names = new Set(prog.holes);
  if (holes.size !== names.size || [...holes.keys()].some((h) => !names.has(h))) {
    return { score: 0, extra: { passed: 0, total, error: 'Not all holes provided', holes: shown } };
  }
  const values: Record<string, bigint> = {};
  for (const [h, v] of holes) {
    const dom = prog.holeDomains[h];
    if (!dom.some((d) => BigInt(d) === v)) {
      const error = `value ${v} for ${h} outside domain [${dom.join(', ')}]`;
      return { score: 0, extra: { passed: 0, total, error, holes: shown } };
    }
    values[h] = v;
  }
  let passed = 0;
  data.inputs.forEach((inp, i) => {
    const out = runVm(prog, values, inp);
    if (out !== null && canon(out) === canon(data.expected[i])) passed++;
  });
  return { score: passed === total ? 1 : 0, extra: { passed, total, holes: shown } };
}
