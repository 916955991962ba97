// Where weights come from before they are converted to u16: a Judge champion verdict, the four-stage scorer's
// per-model weights, or Affine's `/scores/weights/latest` document, each with a burn share sent to UID 0. Model
// ids and hotkeys are resolved to UIDs here; what cannot be resolved is reported and burnt, never dropped silently.
// Both realms, pure.
import { parseAffineDocument, weightsFromAffine } from '../../shared/judge/affine-api.ts';
import type { ModelScores, Verdict } from '../../shared/judge/types.ts';

/** Float weights per UID, ready for `convertWeightsForEmit`; they sum to 1 (or are empty). */
export interface UidWeights {
  uids: number[];
  weights: number[];
  /** Model ids or hotkeys that had weight but no UID; their share went to UID 0. */
  unknown: string[];
  /** What was done, in words, for the user (burn, merges, system UIDs). */
  notes: string[];
}

/** A source that cannot give weights (wrong verdict, bad burn share, bad document). */
export class WeightsSourceError extends Error {
  override name = 'WeightsSourceError';
}

/** How model ids become UIDs. */
export interface UidResolver {
  /** The judged models: a model's own `uid` is used first. */
  models?: readonly ModelScores[];
  /** Hotkey (SS58) → UID from the metagraph; ids that are hotkeys (or `hotkey:<ss58>`) are looked up here. */
  uidByHotkey?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
}

/** The burn share must be a fraction; anything else is a mistake the user should see, not a clamp. */
export function checkBurn(burn: number): number {
  if (typeof burn !== 'number' || !Number.isFinite(burn) || burn < 0 || burn > 1)
    throw new WeightsSourceError(`The burn share must be a fraction in [0, 1] (0.2 = 20 % to UID 0), got ${burn}.`);
  return burn;
}

const isUid = (u: unknown): u is number => Number.isInteger(u) && (u as number) >= 0 && (u as number) <= 65535;

/** A model id's UID: the model's `uid`, then `affine:<uid>`, then the hotkey map; undefined when none knows it. */
export function resolveUid(id: string, r: UidResolver = {}): number | undefined {
  const own = r.models?.find((m) => m.id === id)?.uid;
  if (isUid(own)) return own;
  const affine = /^affine:(\d+)$/.exec(id);
  if (affine) return Number(affine[1]);
  const key = id.startsWith('hotkey:') ? id.slice('hotkey:'.length) : id;
  const map = r.uidByHotkey;
  const uid =
    map instanceof Map
      ? map.get(key)
      : map && Object.hasOwn(map, key)
        ? (map as Record<string, number>)[key]
        : undefined;
  return isUid(uid) ? uid : undefined;
}

/**
 * Normalises `regular` (UID → weight ≥ 0) together with `system` (weight with no payable UID), then scales the
 * regular part by `1 − burn` and gives UID 0 `burn + system` on top of its own weight: Affine's validator rule
 * (affine-envs.md §6.6). Nothing positive at all → everything to UID 0.
 */
function withBurn(regular: Map<number, number>, system: number, burn: number, acc: UidWeights): UidWeights {
  const total = [...regular.values()].reduce((s, w) => s + w, 0) + system;
  const out = new Map<number, number>();
  if (total <= 0) {
    acc.notes.push('No UID earns weight: everything goes to UID 0 (burnt).');
    out.set(0, 1);
  } else {
    for (const [uid, w] of regular) if (w > 0) out.set(uid, (w / total) * (1 - burn));
    const toZero = burn + (system / total) * (1 - burn);
    if (toZero > 0) out.set(0, (out.get(0) ?? 0) + toZero);
    if (burn > 0) acc.notes.push(`Burn share ${burn} goes to UID 0.`);
  }
  const uids = [...out.keys()].sort((a, b) => a - b);
  return { ...acc, uids, weights: uids.map((u) => out.get(u)!) };
}

/** Model id → weight, resolved to UIDs; several ids on one UID add up, unresolved ones become system weight. */
function fromModelWeights(byId: Record<string, number>, r: UidResolver, burn: number): UidWeights {
  checkBurn(burn);
  const acc: UidWeights = { uids: [], weights: [], unknown: [], notes: [] };
  const regular = new Map<number, number>();
  const owner = new Map<number, string>();
  let system = 0;
  for (const [id, w] of Object.entries(byId)) {
    if (!Number.isFinite(w) || w < 0) throw new WeightsSourceError(`Weight of ${id} must be a number ≥ 0, got ${w}.`);
    if (w === 0) continue;
    const uid = resolveUid(id, r);
    if (uid === undefined) {
      acc.unknown.push(id);
      system += w;
      continue;
    }
    if (regular.has(uid)) acc.notes.push(`${owner.get(uid)} and ${id} are both UID ${uid}: their weights add up.`);
    owner.set(uid, id);
    regular.set(uid, (regular.get(uid) ?? 0) + w);
  }
  if (acc.unknown.length)
    acc.notes.push(
      `No UID for ${acc.unknown.join(', ')}: give their hotkeys' UIDs; meanwhile their share goes to UID 0.`,
    );
  return withBurn(regular, system, burn, acc);
}

/** (a) A champion verdict: the winner gets everything but the burn share. */
export function weightsFromChampion(verdict: Verdict, resolver: UidResolver = {}, burn = 0): UidWeights {
  if (verdict.rule !== 'champion')
    throw new WeightsSourceError(`Expected a champion verdict, got a '${verdict.rule}' one.`);
  if (verdict.winner === null)
    throw new WeightsSourceError('The verdict names no champion: there is no one to weight.');
  return fromModelWeights({ [verdict.winner]: 1 }, resolver, burn);
}

/** (b) The four-stage scorer: its per-model weights as they are (stage 4 already sent its dust to UID 0). */
export function weightsFromStages(verdict: Verdict, resolver: UidResolver = {}, burn = 0): UidWeights {
  if (verdict.rule !== 'stages')
    throw new WeightsSourceError(`Expected a stages verdict, got a '${verdict.rule}' one.`);
  if (!verdict.weights) throw new WeightsSourceError('The stages verdict carries no weights.');
  return fromModelWeights(verdict.weights, resolver, burn);
}

/** Affine's validator treats UIDs outside 0…1000 (the −1 sentinel, validator-side "system miners") as burn. */
export const AFFINE_MAX_MINER_UID = 1000;

/**
 * (c) A `/scores/weights/latest` document (JSON text or parsed), as Affine's validator turns it into weights:
 * weights ≤ 0 dropped, UIDs < 0 or > 1000 summed as system weight, everything normalised, then the burn share.
 */
export function weightsFromAffineDocument(input: string | unknown, burn = 0): UidWeights {
  checkBurn(burn);
  const parsed = parseAffineDocument(input);
  if (parsed.kind !== 'weights')
    throw new WeightsSourceError(`Expected a /scores/weights/latest document, got a ${parsed.kind} document.`);
  const acc: UidWeights = { uids: [], weights: [], unknown: [], notes: [] };
  const regular = new Map<number, number>();
  let system = 0;
  for (const [uid, w] of weightsFromAffine(parsed.doc)) {
    if (w <= 0) continue;
    if (uid < 0 || uid > AFFINE_MAX_MINER_UID) {
      system += w;
      acc.notes.push(`UID ${uid} is ${uid < 0 ? 'the burn sentinel' : 'a system UID'}: its weight goes to UID 0.`);
    } else regular.set(uid, w);
  }
  return withBurn(regular, system, burn, acc);
}
