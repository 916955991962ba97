// Documents of Affine's public API (spec §7.3): `/scores/latest`, `/rank/current` and `/scores/weights/latest`.
// Recognises which one a JSON document is, checks the fields the Judge reads, and turns miners into `ModelScores`
// and weights into a UID → weight map. Both realms.
import { modelLabel } from './from-samples.ts';
import type { EnvScores, ModelScores } from './types.ts';

/** A document that is not what it claims to be; the message names the field (`scores[2].uid`). */
export class AffineApiError extends Error {
  override name = 'AffineApiError';
}

/** An env entry of `scores_by_env`: the aggregate form, or the comparator's frozen form (champion, past champion). */
export type EnvEntry =
  { score: number; sample_count: number } | { count: number; avg: number; champion_overlap_avg: number };

export interface MinerScore {
  miner_hotkey: string;
  uid: number;
  model_revision: string;
  model: string;
  model_type?: string | null;
  first_block: number;
  overall_score: number;
  average_score?: number;
  scores_by_env: Record<string, EnvEntry>;
  total_samples?: number;
  is_valid?: boolean;
  invalid_reason?: string | null;
  challenge_status?: 'sampling' | 'in_progress' | 'champion' | 'terminated' | null;
  termination_reason?: string | null;
}

export interface ScoresDocument {
  block_number: number;
  calculated_at: string | number;
  scores: MinerScore[];
}

export interface MinerSummary {
  uid: number;
  hotkey: string;
  revision: string;
  model: string;
  model_type?: string | null;
  since_block?: number;
}

export interface RankDocument {
  window: {
    champion: MinerSummary | null;
    battle?: { challenger: MinerSummary | null; started_at_block?: number } | null;
    enabled_envs?: string[];
    [k: string]: unknown;
  };
  queue: { position: number; uid: number; hotkey: string; first_block: number; challenge_status?: string | null }[];
  scores: ScoresDocument;
  meta: { database_query_time_ms?: number; cache_status?: string; cache_age_seconds?: number };
}

export interface WeightsDocument {
  block_number: number;
  config: Record<string, unknown>;
  weights: Record<string, { weight: number }>;
}

export type AffineDocument =
  | { kind: 'scores'; doc: ScoresDocument }
  | { kind: 'rank'; doc: RankDocument }
  | { kind: 'weights'; doc: WeightsDocument };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `where` + a field: 'scores document:' + 'scores' → 'scores document: scores'; 'a.b' + 'c' → 'a.b.c'. */
const at = (where: string, key: string) => (where.endsWith(':') ? `${where} ${key}` : `${where}.${key}`);

function fail(where: string, why: string): never {
  throw new AffineApiError(`${where} ${why}`);
}

function checkEntry(v: unknown, where: string): EnvEntry {
  if (!isObj(v)) fail(where, 'must be an object.');
  if ('score' in v || 'sample_count' in v) {
    if (!isNum(v.score)) fail(at(where, 'score'), 'must be a number.');
    if (!Number.isInteger(v.sample_count) || (v.sample_count as number) < 0)
      fail(at(where, 'sample_count'), 'must be a whole number ≥ 0.');
    return v as EnvEntry;
  }
  if ('avg' in v || 'count' in v) {
    if (!isNum(v.avg)) fail(at(where, 'avg'), 'must be a number.');
    if (!Number.isInteger(v.count) || (v.count as number) < 0) fail(at(where, 'count'), 'must be a whole number ≥ 0.');
    return v as EnvEntry;
  }
  return fail(where, 'must be {score, sample_count} or {count, avg, champion_overlap_avg}.');
}

function checkMiner(v: unknown, where: string): MinerScore {
  if (!isObj(v)) fail(where, 'must be an object.');
  if (!Number.isInteger(v.uid)) fail(at(where, 'uid'), 'must be an integer.');
  if (typeof v.model !== 'string') fail(at(where, 'model'), 'must be a string.');
  if (typeof v.model_revision !== 'string') fail(at(where, 'model_revision'), 'must be a string.');
  if (!isNum(v.first_block)) fail(at(where, 'first_block'), 'must be a number.');
  if (!isObj(v.scores_by_env)) fail(at(where, 'scores_by_env'), 'must be an object keyed by env.');
  for (const [env, e] of Object.entries(v.scores_by_env)) checkEntry(e, at(where, `scores_by_env["${env}"]`));
  return v as unknown as MinerScore;
}

function checkScores(v: unknown, where: string): ScoresDocument {
  if (!isObj(v)) fail(where, 'must be an object.');
  if (!isNum(v.block_number)) fail(at(where, 'block_number'), 'must be a number.');
  if (!Array.isArray(v.scores)) fail(at(where, 'scores'), 'must be an array of miner scores.');
  v.scores.forEach((m, i) => checkMiner(m, at(where, `scores[${i}]`)));
  return v as unknown as ScoresDocument;
}

/** Which document this is, by its top-level keys; null when it is none of the three. */
export function detectAffineKind(v: unknown): AffineDocument['kind'] | null {
  if (!isObj(v)) return null;
  if ('window' in v && 'queue' in v && 'scores' in v) return 'rank';
  if ('weights' in v && 'block_number' in v) return 'weights';
  if ('scores' in v && 'block_number' in v) return 'scores';
  return null;
}

/**
 * Parses and checks one document (JSON text or an already-parsed value).
 * @throws AffineApiError naming the document kind expected or the field that is wrong.
 */
export function parseAffineDocument(input: string | unknown): AffineDocument {
  let v: unknown = input;
  if (typeof input === 'string') {
    try {
      v = JSON.parse(input);
    } catch (e) {
      throw new AffineApiError(`not valid JSON (${(e as Error).message}).`);
    }
  }
  const kind = detectAffineKind(v);
  const o = v as Obj;
  switch (kind) {
    case 'scores':
      return { kind, doc: checkScores(o, 'scores document:') };
    case 'rank': {
      if (!isObj(o.window)) fail('rank document: window', 'must be an object.');
      if (!Array.isArray(o.queue)) fail('rank document: queue', 'must be an array.');
      o.queue.forEach((q, i) => {
        if (!isObj(q) || !Number.isInteger(q.uid)) fail(`rank document: queue[${i}].uid`, 'must be an integer.');
      });
      // `scores` is "as /scores/latest": accept the whole document or, leniently, its bare array.
      const scores = Array.isArray(o.scores) ? { block_number: 0, calculated_at: 0, scores: o.scores } : o.scores;
      return { kind, doc: { ...(o as unknown as RankDocument), scores: checkScores(scores, 'rank document: scores') } };
    }
    case 'weights': {
      if (!isObj(o.weights)) fail('weights document: weights', 'must be an object keyed by UID.');
      for (const [uid, w] of Object.entries(o.weights)) {
        if (!/^-?\d+$/.test(uid)) fail(`weights document: weights["${uid}"]`, 'must be keyed by an integer UID.');
        if (!isObj(w) || !isNum(w.weight)) fail(`weights document: weights["${uid}"].weight`, 'must be a number.');
      }
      return { kind, doc: o as unknown as WeightsDocument };
    }
    default:
      throw new AffineApiError(
        'not an Affine API document: expected /scores/latest {block_number, scores}, /rank/current ' +
          '{window, queue, scores, meta} or /scores/weights/latest {block_number, config, weights}.',
      );
  }
}

/** One env entry as `EnvScores`: the comparator form's `avg` over `count` overlap tasks, or `score` over n. */
export function envFromEntry(e: EnvEntry): EnvScores {
  return 'avg' in e ? { n: e.count, mean: e.avg } : { n: e.sample_count, mean: e.score };
}

/** A miner as the Judge's model: id `affine:<uid>`, label model@revision (8 characters). */
export function modelFromMiner(m: MinerScore): ModelScores {
  const envs: Record<string, EnvScores> = {};
  for (const env of Object.keys(m.scores_by_env).sort()) envs[env] = envFromEntry(m.scores_by_env[env]!);
  return {
    id: `affine:${m.uid}`,
    label: modelLabel(m.model, m.model_revision, `UID ${m.uid}`),
    uid: m.uid,
    firstBlock: m.first_block,
    envs,
  };
}

export interface AffineModelsOptions {
  /** Keep miners with `is_valid: false` (default false: Affine scores valid miners only). */
  includeInvalid?: boolean;
}

/**
 * The miners of a scores or rank document as models, champion first, then the battle's challenger (rank documents),
 * then the rest in commitment order (first_block, uid), which is the order the champion rule expects.
 * @throws AffineApiError for a weights document, which holds no scores.
 */
export function modelsFromAffine(d: AffineDocument, options: AffineModelsOptions = {}): ModelScores[] {
  if (d.kind === 'weights')
    throw new AffineApiError('a /scores/weights/latest document holds weights, not scores: it cannot be compared.');
  const miners = (d.kind === 'rank' ? d.doc.scores.scores : d.doc.scores).filter(
    (m) => options.includeInvalid || m.is_valid !== false,
  );
  const championUid =
    d.kind === 'rank' ? d.doc.window.champion?.uid : miners.find((m) => m.challenge_status === 'champion')?.uid;
  const challengerUid = d.kind === 'rank' ? d.doc.window.battle?.challenger?.uid : undefined;
  const rank = (m: MinerScore) => (m.uid === championUid ? 0 : m.uid === challengerUid ? 1 : 2);
  return [...miners]
    .sort((a, b) => rank(a) - rank(b) || a.first_block - b.first_block || a.uid - b.uid)
    .map(modelFromMiner);
}

/** UID → weight of a weights document (every UID it lists, including the burn sentinel −1 and zeros). */
export function weightsFromAffine(doc: WeightsDocument): Map<number, number> {
  return new Map(Object.entries(doc.weights).map(([uid, w]) => [Number(uid), w.weight]));
}
