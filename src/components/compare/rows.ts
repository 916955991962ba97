// The per model × environment rows every view of the Compare page reads (table, plots, CSV, JSON): n, mean and the
// 95% interval chosen for the env's scores. UI realm, no DOM.
import { intervalForEnv, type Interval, type IntervalMethod } from '../../shared/judge/intervals.ts';
import { allEnvs, isBinaryEnv, kindLabel, type CompareModel } from './model.ts';

export type BinaryMethod = 'wilson' | 'jeffreys';

export interface EnvRow {
  modelId: string;
  label: string;
  /** 'stored run', 'file' or 'Affine'. */
  source: string;
  env: string;
  n: number;
  mean: number;
  /** Interval bounds; null when none applies (Affine's signed means) or a bootstrap is still running. */
  lo: number | null;
  hi: number | null;
  method: IntervalMethod | null;
}

/** Key of a (model, env) pair in the bootstrap results map. */
export const pairKey = (modelId: string, env: string) => `${modelId}\u0000${env}`;

/** Whether the pair needs a bootstrap interval: per-task scores that are not all 0/1. */
export function needsBootstrap(m: CompareModel, env: string): boolean {
  const e = m.scores.envs[env];
  return !!e?.tasks && e.tasks.size > 0 && !isBinaryEnv(m.scores, env);
}

/**
 * One row per model and env it has, models in list order, envs sorted. 0/1 scores use `binary` (Wilson or
 * Jeffreys); other scores take their interval from `boot` (filled by the scoring worker), or none yet.
 */
export function envRows(models: readonly CompareModel[], binary: BinaryMethod, boot: ReadonlyMap<string, Interval>) {
  const envs = allEnvs(models);
  const rows: EnvRow[] = [];
  for (const m of models) {
    for (const env of envs) {
      const e = m.scores.envs[env];
      if (!e) continue;
      const iv = needsBootstrap(m, env) ? (boot.get(pairKey(m.scores.id, env)) ?? null) : intervalForEnv(e, { binary });
      rows.push({
        modelId: m.scores.id,
        label: m.scores.label,
        source: kindLabel[m.kind],
        env,
        n: e.n,
        mean: e.mean,
        lo: iv?.lo ?? null,
        hi: iv?.hi ?? null,
        method: iv?.method ?? (needsBootstrap(m, env) ? 'bootstrap' : null),
      });
    }
  }
  return rows;
}

/** '0.6500' or '–' for a missing number. */
export const fmt = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
