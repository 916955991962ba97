// How the Judge's rules write numbers and model names into their reasons, and the commitment order they share.
// Both realms.
import type { ModelScores } from './types.ts';

/** A number as the reasons print it: up to 5 decimals, trailing zeros dropped but at least 3 kept (0.36 → '0.360'). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  let s = x.toFixed(5);
  while (s.endsWith('0') && s.length - s.indexOf('.') > 4) s = s.slice(0, -1);
  return s === '-0.000' ? '0.000' : s;
}

/** What a reason calls a model: 'UID 17' when the chain UID is known, its label otherwise. */
export function nameOf(m: ModelScores): string {
  return m.uid !== undefined ? `UID ${m.uid}` : m.label;
}

/** A model's commitment block, or its position in the input when unknown (earlier input = earlier commit). */
export const blockOf = (m: ModelScores, index: number): number => m.firstBlock ?? index;
/** A model's UID, or its position in the input when unknown. */
export const uidOf = (m: ModelScores, index: number): number => m.uid ?? index;

/** Models in commitment order `(first_block, uid)`, the tie-break of every era; input order breaks what is left. */
export function byCommitment(models: readonly ModelScores[]): ModelScores[] {
  return models
    .map((m, i) => ({ m, i, block: blockOf(m, i), uid: uidOf(m, i) }))
    .sort((a, b) => a.block - b.block || a.uid - b.uid || a.i - b.i)
    .map((x) => x.m);
}

/** The union of the models' env names, sorted, so every rule walks envs in the same order. */
export function allEnvs(models: readonly ModelScores[]): string[] {
  return [...new Set(models.flatMap((m) => Object.keys(m.envs)))].sort((a, b) => a.localeCompare(b));
}

/** Env name as the spec's tables name it: 'affine:distill-v2' and 'DISTILL-V2' both become 'DISTILL-V2'. */
export function envKey(env: string): string {
  return env.replace(/^[\w-]+:/, '').toUpperCase();
}

/** Thrown when a rule cannot run on its input (too few models, no envs): the CLI exits with 2. */
export class JudgeInputError extends Error {
  override name = 'JudgeInputError';
}
