// What the Compare page holds for each model: the Judge's `ModelScores` plus where it came from and, for local
// results, the per-task scores in time order (for the score-over-tasks plot). UI realm, no DOM.
import type { SampleRecord } from '../../shared/eval/sample.ts';
import type { ModelScores } from '../../shared/judge/types.ts';

/** Local run from IndexedDB, a JSONL file, or Affine's published documents. */
export type SourceKind = 'run' | 'file' | 'affine';

export interface TaskPoint {
  taskId: string;
  score: number;
  /** Unix ms when scored (0 when unknown). */
  timestamp: number;
}

export interface CompareModel {
  scores: ModelScores;
  kind: SourceKind;
  /** Where it came from, for the user: run id, file name, or the API base URL. */
  source: string;
  /** Per env (same keys as `scores.envs`): each task's last score, in scoring order. Empty for Affine's data. */
  series: Record<string, TaskPoint[]>;
  /** What Affine published for this miner (weight, overall score), when the model comes from its documents. */
  published?: { weight?: number; overallScore?: number };
}

export const kindLabel: Record<SourceKind, string> = { run: 'stored run', file: 'file', affine: 'Affine' };

/**
 * Per-env task series from samples: a task sampled twice keeps its later sample (as `modelFromSamples` does), and
 * tasks are ordered by timestamp, then by task key, so the running mean follows the order the scores came in.
 */
export function seriesOf(samples: readonly SampleRecord[]): Record<string, TaskPoint[]> {
  const byEnv = new Map<string, Map<string, SampleRecord>>();
  for (const s of samples) {
    let m = byEnv.get(s.envName);
    if (!m) byEnv.set(s.envName, (m = new Map()));
    m.set(s.taskId, s);
  }
  const out: Record<string, TaskPoint[]> = {};
  for (const [env, m] of byEnv) {
    out[env] = [...m.values()]
      .sort((a, b) => a.timestamp - b.timestamp || (a.taskKey < b.taskKey ? -1 : a.taskKey > b.taskKey ? 1 : 0))
      .map((s) => ({ taskId: s.taskId, score: s.score, timestamp: s.timestamp }));
  }
  return out;
}

/** True when every known task score of the env is 0 or 1 (or, without tasks, the mean lies in [0, 1]). */
export function isBinaryEnv(m: ModelScores, env: string): boolean {
  const e = m.envs[env];
  if (!e) return true;
  if (e.tasks) {
    for (const v of e.tasks.values()) if (v !== 0 && v !== 1) return false;
    return true;
  }
  return e.mean >= 0 && e.mean <= 1;
}

/** Every environment any model has, sorted. */
export function allEnvs(models: readonly CompareModel[]): string[] {
  const set = new Set<string>();
  for (const m of models) for (const e of Object.keys(m.scores.envs)) set.add(e);
  return [...set].sort((a, b) => a.localeCompare(b));
}
