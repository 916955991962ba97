// HVM task generation: hole values and three test cases drawn from `random.Random(task_id)`, the expected outputs from
// the VM, and the verbatim prompt. Mirrors `HVM.generate` in affine/envs/hvm.py @ c0d2a1ee draw for draw. Both
// realms: pure.
//
// Upstream seeded its generator with None (OS entropy), so its tasks cannot be reproduced; seeding with the task id
// is this port's choice, which makes every task id a fixed task.

import { PythonRandom } from '../../src/shared/random/python-random';
import { HVM_CASES, HVM_PROGRAM, type HvmProgram } from './meta';
import { runVm } from './vm';

/** What an HVM task carries to the scorer. */
export interface HvmData {
  /** One input vector `[a, b, k]` per case. */
  inputs: number[][];
  /** The VM's output per case: printed values joined by "\n", no trailing newline. */
  expected: string[];
  /** The hole values the generator drew (for display; any mapping that reproduces the outputs scores 1). */
  solution: Record<string, number>;
}

/**
 * `_forge_io(prog, 3)` with `rng = random.Random(task_id)`: `rng.choice(domain)` for each hole in order (one-value
 * domains still draw), then per case `randint(-8, 8)`, `randint(-8, 8)`, `randint(1, 8)`. A failing or empty run
 * restarts from the hole draw on the same generator (it cannot happen with this program).
 */
export function generateHvm(taskId: bigint, prog: HvmProgram = HVM_PROGRAM): HvmData {
  if (typeof taskId !== 'bigint') throw new TypeError(`HVM task id must be a bigint, got ${typeof taskId}`);
  if (taskId < 0n) throw new RangeError(`HVM task id must be a non-negative integer, got ${taskId}`);
  const rng = new PythonRandom(taskId);
  const hasK = prog.code.some(([op, arg]) => op === 'LOAD' && arg === '2');
  for (;;) {
    const solution: Record<string, number> = {};
    for (const h of prog.holes) solution[h] = rng.choice(prog.holeDomains[h]);
    const inputs: number[][] = [];
    const expected: string[] = [];
    for (let c = 0; c < HVM_CASES; c++) {
      const a = rng.randint(-8, 8);
      const b = rng.randint(-8, 8);
      const input = hasK ? [a, b, rng.randint(1, 8)] : [a, b];
      const out = runVm(prog, solution, input);
      if (out === null || out === '') break;
      inputs.push(input);
      expected.push(out);
    }
    if (inputs.length === HVM_CASES) return { inputs, expected, solution };
  }
}

/** `_render_prompt`; ends with "</HOLES>\n". */
export function hvmPrompt(data: Pick<HvmData, 'inputs' | 'expected'>, prog: HvmProgram = HVM_PROGRAM): string {
  const program = prog.code
    .map(([op, arg], i) => `${String(i).padStart(3, '0')}: ${op}` + (arg !== null ? ` ${arg}` : ''))
    .join('\n');
  const holeLines = prog.holes.map((h) => {
    const dom = prog.holeDomains[h];
    return dom.length > 15
      ? `${h} ∈ [${Math.min(...dom)}, ${Math.max(...dom)}] (integers)`
      : `${h} ∈ {${dom.join(', ')}}`;
  });
  const caseLines = data.inputs.map(
    (inp, i) => `Case #${i}: input=[${inp.join(', ')}]  expected stdout=\n---\n${data.expected[i]}\n---`,
  );
  return (
    'You are given a small stack-based Virtual Machine program with UNKNOWN constants (holes).\n' +
    'Instruction set:\n' +
    '  PUSH n       ; push integer n (n can also be a hole like ?a)\n' +
    '  LOAD i       ; push i-th input integer (0-based)\n' +
    '  ADD SUB MUL DIV MOD\n' +
    '  DUP SWAP POP\n' +
    '  JMP k        ; absolute jump\n' +
    '  JMPZ k       ; jump if top==0\n' +
    '  JMPNZ k      ; jump if top!=0\n' +
    '  PRINT\n' +
    '  HALT\n' +
    '\n' +
    'Program:\n' +
    `${program}\n` +
    '\n' +
    'Holes and domains:\n' +
    '- ' +
    holeLines.join('\n- ') +
    '\n\nTest cases:\n' +
    caseLines.join('\n') +
    '\n\nReturn ONLY the hole mapping in this exact format:\n\n<HOLES>\n?a=3\n?b=-1\n?c=42\n</HOLES>\n'
  );
}
