// The HVM stack machine, as upstream's `_run_vm_local` (which forges the expected outputs) and the sandboxed runner
// (which checks answers) both define it. Both realms: pure; BigInt arithmetic, so no value can overflow.

import { pyRstrip } from '../../src/shared/pystr';
import type { HvmProgram } from './meta';

/** Python `a % b` (sign of the divisor); b != 0. */
const pyMod = (a: bigint, b: bigint) => {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
};

/** Python `int(a / b)`: true division to a float, truncated toward zero; b != 0 (exact while |a|, |b| < 2^53). */
const pyTruncDiv = (a: bigint, b: bigint) => {
  const q = Number(a) / Number(b);
  return BigInt(Math.trunc(q));
};

/**
 * Runs `prog` with hole values `holes` on `inputs`. Returns the printed values joined by "\n" (no trailing newline),
 * or null when the run fails: unknown hole, bad LOAD index, division or modulo by 0, stack over `stackCap` or
 * underflow, `ip` out of range, more than `maxSteps` steps.
 */
export function runVm(
  prog: HvmProgram,
  holes: Readonly<Record<string, number | bigint>>,
  inputs: readonly (number | bigint)[],
): string | null {
  const { code, maxSteps, stackCap } = prog;
  const stack: bigint[] = [];
  const out: string[] = [];
  const push = (v: bigint) => {
    if (stack.length >= stackCap) return false;
    stack.push(v);
    return true;
  };
  const hole = (name: string): bigint | null => (Object.hasOwn(holes, name) ? BigInt(holes[name]) : null);
  let ip = 0;
  let steps = 0;
  for (;;) {
    if (steps > maxSteps || ip < 0 || ip >= code.length) return null;
    const [op, arg] = code[ip];
    steps++;
    switch (op) {
      case 'PUSH': {
        if (arg === null) return null;
        const v = arg.startsWith('?') ? hole(arg) : BigInt(arg);
        if (v === null || !push(v)) return null;
        ip++;
        break;
      }
      case 'LOAD': {
        const idx = Number(arg ?? -1);
        if (idx < 0 || idx >= inputs.length || !push(BigInt(inputs[idx]))) return null;
        ip++;
        break;
      }
      case 'ADD':
      case 'SUB':
      case 'MUL':
      case 'DIV':
      case 'MOD': {
        if (stack.length < 2) return null;
        const b = stack.pop()!;
        const a = stack.pop()!;
        if ((op === 'DIV' || op === 'MOD') && b === 0n) return null;
        const c =
          op === 'ADD'
            ? a + b
            : op === 'SUB'
              ? a - b
              : op === 'MUL'
                ? a * b
                : op === 'DIV'
                  ? pyTruncDiv(a, b)
                  : pyMod(a, b);
        if (!push(c)) return null;
        ip++;
        break;
      }
      case 'DUP':
        if (!stack.length || !push(stack[stack.length - 1])) return null;
        ip++;
        break;
      case 'SWAP': {
        if (stack.length < 2) return null;
        const n = stack.length;
        [stack[n - 1], stack[n - 2]] = [stack[n - 2], stack[n - 1]];
        ip++;
        break;
      }
      case 'POP':
        if (!stack.length) return null;
        stack.pop();
        ip++;
        break;
      case 'JMP':
      case 'JMPZ':
      case 'JMPNZ': {
        if (arg === null) return null;
        const t = arg.startsWith('?') ? hole(arg) : BigInt(arg);
        if (t === null) return null;
        const target = Number(t);
        if (op === 'JMP') {
          ip = target;
          break;
        }
        if (!stack.length) return null;
        const zero = stack.pop()! === 0n;
        ip = (op === 'JMPZ') === zero ? target : ip + 1;
        break;
      }
      case 'PRINT':
        if (!stack.length) return null;
        out.push(stack.pop()!.toString());
        ip++;
        break;
      case 'HALT':
        return out.join('\n');
      default:
        return null;
    }
  }
}

/** `_canon`: CRLF and CR to LF, drop one trailing "\n", `rstrip()` each line (split on "\n"). */
export function canon(s: string): string {
  let t = s.replace(/\r\n/g, '\n').replace(/\r/g, '\n');
  if (t.endsWith('\n')) t = t.slice(0, -1);
  return t
    .split('\n')
    .map((l) => pyRstrip(l))
    .join('\n');
}
