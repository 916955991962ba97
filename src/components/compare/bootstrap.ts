// Bootstrap intervals for the Compare page's non-binary scores (e.g. signed DISTILL-V2 values): every (model, env)
// cell that needs one goes to the scoring worker in one batch (WebGPU there when available). UI realm.
import { scoringClient } from '../../judge/worker-client.ts';
import { bootstrapCpu, type BootstrapResult } from '../../shared/judge/bootstrap-cpu.ts';
import type { Interval } from '../../shared/judge/intervals.ts';
import type { CompareModel } from './model.ts';
import { needsBootstrap, pairKey } from './rows.ts';

/** Resamples per cell; 10,000 keeps the 2.5% tail at 250 resamples. */
const RESAMPLES = 10_000;
/** Fixed, so the same data shows the same interval on every visit and in every export. */
const SEED = 120;

/** The cells that need a bootstrap, keyed like `pairKey`, with their per-task scores. */
export function bootstrapCells(models: readonly CompareModel[]): { key: string; scores: number[] }[] {
  const cells: { key: string; scores: number[] }[] = [];
  for (const m of models)
    for (const [env, e] of Object.entries(m.scores.envs))
      if (needsBootstrap(m, env)) cells.push({ key: pairKey(m.scores.id, env), scores: [...e.tasks!.values()] });
  return cells;
}

/** A signature of the cells (keys, sizes, sums): reordering models does not change it, so nothing is recomputed. */
export const cellsSignature = (cells: readonly { key: string; scores: number[] }[]) =>
  cells.map((c) => `${c.key}:${c.scores.length}:${c.scores.reduce((a, b) => a + b, 0)}`).join('|');

export interface BootstrapOutcome {
  intervals: Map<string, Interval>;
  /** 'gpu' or 'cpu' in the worker, or 'main thread' when the worker could not run. */
  where: string;
}

/** 95% percentile-bootstrap intervals of the cells' means. */
export async function bootstrapIntervals(
  cells: readonly { key: string; scores: number[] }[],
  level = 0.95,
): Promise<BootstrapOutcome> {
  const intervals = new Map<string, Interval>();
  if (cells.length === 0) return { intervals, where: 'none' };
  const offsets = new Uint32Array(cells.length + 1);
  cells.forEach((c, i) => (offsets[i + 1] = offsets[i]! + c.scores.length));
  const values = Float32Array.from(cells.flatMap((c) => c.scores));
  const input = { values, offsets, resamples: RESAMPLES, seed: SEED, level };
  let res: BootstrapResult;
  let where: string;
  try {
    const r = await scoringClient().bootstrap(input);
    res = r;
    where = r.backend === 'gpu' ? 'WebGPU' : 'CPU worker';
  } catch (e) {
    // Same numbers on the main thread (the CPU reference is what the worker's CPU path runs), only slower.
    console.warn('Scoring worker failed; bootstrap on the main thread.', e);
    res = bootstrapCpu(input);
    where = 'main thread';
  }
  cells.forEach((c, i) => intervals.set(c.key, { lo: res.lo[i]!, hi: res.hi[i]!, method: 'bootstrap', level }));
  return { intervals, where };
}
