// Weights from stored runs: which miner's commitment names each run's model (its UID prefilled), the check that
// every model has its own UID on the subnet, and the Judge verdict turned into a weights draft (champion or
// stages, with the burn share). UI realm, no DOM.
import type { MinerCommitment } from '../../chain/commitments.ts';
import type { Metagraph } from '../../chain/metagraph.ts';
import { weightsFromChampion, weightsFromStages } from '../../chain/weights/sources.ts';
import { modelName, modelRevision } from '../../shared/eval/run-config.ts';
import type { Verdict } from '../../shared/judge/types.ts';
import type { RunRecord } from '../../storage/schema.ts';
import { judge } from '../compare/judge.ts';
import type { CompareModel } from '../compare/model.ts';
import { draftFromUidWeights, type WeightsDraft } from './weights-draft.ts';

/** The rules that give weights; pareto names a winner but Affine never weighted by it here. */
export type WeightsRule = 'champion' | 'stages';

/** A miner whose commitment names a run's model: its UID on the subnet and the commitment itself. */
export interface CommittedMiner {
  uid: number;
  commitment: MinerCommitment;
}

/**
 * The registered miner whose commitment is exactly the run's model and revision. When several hotkeys commit the
 * same model, the earliest commitment wins, as Affine's first_block rule treats the others as copies.
 */
export function minerForRun(
  run: RunRecord,
  commitments: ReadonlyMap<string, MinerCommitment>,
  mg: Metagraph | null,
): CommittedMiner | null {
  const name = modelName(run.config.model);
  const revision = modelRevision(run.config.model);
  // A model without a revision cannot be told from a later upload under the same name: no match.
  if (!mg || !revision) return null;
  const uidOf = new Map(mg.rows.map((r) => [r.hotkey, r.uid]));
  let best: CommittedMiner | null = null;
  for (const c of commitments.values()) {
    const uid = uidOf.get(c.hotkey);
    if (uid === undefined || c.model !== name || c.revision !== revision) continue;
    if (!best || c.block < best.commitment.block || (c.block === best.commitment.block && uid < best.uid))
      best = { uid, commitment: c };
  }
  return best;
}

/**
 * Each model's UID from the field the user sees (`texts`, in model order). Every model needs a whole number in
 * 0…n−1 and no two models may share one: sources.ts would add their weights up, which is never what a validator
 * means here.
 * @returns the UIDs, or the problems in words (one sentence each).
 */
export function checkUids(
  models: readonly CompareModel[],
  texts: readonly string[],
  subnetworkN: number,
): { uids: number[] } | { problems: string[] } {
  const problems: string[] = [];
  const uids: number[] = [];
  const missing: string[] = [];
  const firstWith = new Map<number, string>();
  models.forEach((m, i) => {
    const text = (texts[i] ?? '').trim();
    const label = m.scores.label;
    if (text === '') return void missing.push(label);
    const uid = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(uid) || uid >= subnetworkN) {
      problems.push(`${label}: UID ${text} is not on this subnet (0…${subnetworkN - 1}).`);
      return;
    }
    const other = firstWith.get(uid);
    if (other !== undefined) problems.push(`${other} and ${label} both have UID ${uid}: give each model its own.`);
    else firstWith.set(uid, label);
    uids.push(uid);
  });
  if (missing.length) problems.unshift(`Give a UID to ${missing.join(', ')} (no miner's commitment names it).`);
  return problems.length ? { problems } : { uids };
}

/** The verdict of `rule` on the models in list order (first = champion), without UIDs so it reads by label. */
export function verdictOf(rule: WeightsRule, models: readonly CompareModel[], options: Record<string, number>) {
  return judge(
    rule,
    models.map((m) => m.scores),
    options,
  );
}

/** The draft from a verdict and each model's UID (same order as `models`), with `burn` to UID 0. */
export function draftFromVerdict(
  verdict: Verdict,
  models: readonly CompareModel[],
  uids: readonly number[],
  burn: number,
): WeightsDraft {
  const resolver = { models: models.map((m, i) => ({ ...m.scores, uid: uids[i]! })) };
  const w =
    verdict.rule === 'champion'
      ? weightsFromChampion(verdict, resolver, burn)
      : weightsFromStages(verdict, resolver, burn);
  const draft = draftFromUidWeights(w);
  if (uids.includes(0)) draft.notes.push('A model is UID 0, where the burn share goes too: their weights add up.');
  return draft;
}
