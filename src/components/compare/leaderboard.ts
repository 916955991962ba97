// Leaderboard ranking: models ordered by the rule's weights where there are any, else by their mean over the
// envs they have. Affine's published models keep their tag and published weight. UI realm, no DOM.
import { kindLabel, type CompareModel } from './model.ts';

export interface LeaderRow {
  rank: number;
  id: string;
  label: string;
  /** 'stored run', 'file' or 'Affine'. */
  source: string;
  /** The rule's weight for the model, when the rule produced weights. */
  weight: number | null;
  /** Mean of the model's env means (each env counts once). */
  mean: number;
  envs: number;
  /** Affine's published weight, for Affine models. */
  publishedWeight: number | null;
}

/** What decided the order, for the caption. */
export type RankBasis = 'weights' | 'mean';

export function rankModels(
  models: readonly CompareModel[],
  weights?: Record<string, number>,
): { basis: RankBasis; rows: LeaderRow[] } {
  // All-zero weights (e.g. no model valid on every env of a mixed set) rank nothing: fall back to the means.
  const basis: RankBasis = weights && Object.values(weights).some((w) => w > 0) ? 'weights' : 'mean';
  const rows = models.map((m, order) => {
    const envs = Object.values(m.scores.envs);
    const mean = envs.length ? envs.reduce((s, e) => s + e.mean, 0) / envs.length : 0;
    return {
      order,
      rank: 0,
      id: m.scores.id,
      label: m.scores.label,
      source: kindLabel[m.kind],
      weight: basis === 'weights' ? (weights![m.scores.id] ?? 0) : null,
      mean,
      envs: envs.length,
      publishedWeight: m.published?.weight ?? null,
    };
  });
  // Ties keep list order (earlier first), as the rules break ties by commitment order.
  rows.sort((a, b) => (basis === 'weights' ? b.weight! - a.weight! : 0) || b.mean - a.mean || a.order - b.order);
  return { basis, rows: rows.map(({ order: _o, ...r }, i) => ({ ...r, rank: i + 1 })) };
}
