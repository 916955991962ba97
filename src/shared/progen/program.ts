// Seed → program: picks a template and assembles it. Both realms: pure.

import { assemble, type Built } from './assemble';
import { Gen } from './gen';
import { KINDS } from './kinds/index';

/** Bumped whenever a seed's program, statement or inputs change. */
export const PROGEN_VERSION = 1;

/** Names of all templates, in registry order. */
export const PROGEN_KINDS: readonly string[] = KINDS.map((k) => k.name);

/** Builds the program for a seed; call drawInput() for as many inputs as needed, in order. */
export function buildProgram(seed: number): Built {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`progen seed must be a safe integer, got ${seed}`);
  const g = new Gen(seed);
  return assemble(g, g.pick(KINDS));
}

/** A program for the seed, with one valid stdin for it and the name of its template. */
export function generateProgram(seed: number): { program: string; inputs: string; kind: string } {
  const b = buildProgram(seed);
  return { program: b.program, inputs: b.drawInput(), kind: b.kind };
}
