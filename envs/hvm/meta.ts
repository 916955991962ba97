// Identity and the fixed program of the HVM environment (Affine's 2025 "hole-filled virtual machine"). Both realms:
// constants only.

/** Static description of the environment, spread into the `Environment` object in index.ts. */
export const HVM_META = {
  id: 'hvm',
  name: 'HVM',
  label: 'HVM (fill the holes of a stack-VM program)',
  version: '1.0.0',
  upstream: 'AffineFoundation/affine affine/envs/hvm.py @ c0d2a1ee',
} as const;

/** One instruction: opcode and argument (a literal, or a hole like `?a`), as upstream's `(op, arg)` tuples. */
export type Instr = readonly [op: string, arg: string | null];

/** `_make_program(hard=True)`: what the generator builds, holes named in creation order. */
export interface HvmProgram {
  code: readonly Instr[];
  holes: readonly string[];
  /** Allowed values per hole, in upstream's list order (the order `rng.choice` indexes and the prompt prints). */
  holeDomains: Readonly<Record<string, readonly number[]>>;
  maxSteps: number;
  stackCap: number;
}

const range = (lo: number, hiExclusive: number) => Array.from({ length: hiExclusive - lo }, (_, i) => lo + i);
const DOM_SMALL = range(-9, 10);
const DOM_POS = range(0, 13);
const DOM_MOD = range(3, 31);

/**
 * The program every HVM task uses: `x = a + b*?a*?b`, print `x % ?c`, then k times `x = (x*?d + ?e) % ?f`, print x.
 * The jump targets are holes with one allowed value (?g = 25, ?h = 12). Addresses 000-027.
 */
export const HVM_PROGRAM: HvmProgram = Object.freeze({
  code: Object.freeze<Instr[]>([
    ['LOAD', '0'],
    ['LOAD', '1'],
    ['PUSH', '?a'],
    ['MUL', null],
    ['PUSH', '?b'],
    ['MUL', null],
    ['ADD', null],
    ['DUP', null],
    ['PUSH', '?c'],
    ['MOD', null],
    ['PRINT', null],
    ['LOAD', '2'],
    ['DUP', null], // 012: loop start
    ['JMPZ', '?g'],
    ['SWAP', null],
    ['PUSH', '?d'],
    ['MUL', null],
    ['PUSH', '?e'],
    ['ADD', null],
    ['PUSH', '?f'],
    ['MOD', null],
    ['SWAP', null],
    ['PUSH', '1'],
    ['SUB', null],
    ['JMP', '?h'],
    ['POP', null], // 025: loop end
    ['PRINT', null],
    ['HALT', null],
  ]),
  holes: Object.freeze(['?a', '?b', '?c', '?d', '?e', '?f', '?g', '?h']),
  holeDomains: Object.freeze({
    '?a': DOM_SMALL,
    '?b': DOM_SMALL,
    '?c': DOM_MOD,
    '?d': DOM_POS,
    '?e': DOM_SMALL,
    '?f': DOM_MOD,
    '?g': [25],
    '?h': [12],
  }),
  maxSteps: 8000,
  stackCap: 256,
});

/** Test cases per task (`_forge_io(prog, n_cases=3)`). */
export const HVM_CASES = 3;
