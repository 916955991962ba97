// From weights (an Affine document, or a verdict on stored runs) to what the Validator page signs: float weights
// with burn (sources.ts), their u16 values (convert.ts), the reveal round from chain facts (reveal-round.ts), the
// preflight, and the submission itself, timelock-encrypted when commit-reveal is on (chain.md §2.7, §2.10). UI realm
// (the reveal plan may call the node).
import type { ApiPromise } from '@polkadot/api';
import { hexToU8a } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import type { RuntimeFeatures } from '../../chain/features.ts';
import type { Metagraph } from '../../chain/metagraph.ts';
import { chainStateFor } from '../../chain/metagraph-state.ts';
import { encodeWeightsPayload, encryptForRound } from '../../chain/timelock/index.ts';
import { commitHash, randomSalt } from '../../chain/weights/commit-hash.ts';
import { convertWeightsForEmit } from '../../chain/weights/convert.ts';
import { preflightWeights, type PreflightResult, type WeightsExtrinsic } from '../../chain/weights/preflight.ts';
import { chooseRevealRound, type RevealPlan } from '../../chain/weights/reveal-round.ts';
import { weightsFromAffineDocument, type UidWeights } from '../../chain/weights/sources.ts';
import type { WeightsSubmission } from '../../chain/extrinsics/weights-calls.ts';
import type { WeightCommitRecord } from '../../storage/schema.ts';

/** Weights ready to send: float shares and the u16 values the extrinsic carries, per UID. */
export interface WeightsDraft {
  uids: number[];
  weights: number[];
  values: number[];
  notes: string[];
}

/** An Affine `/scores/weights/latest` document with `burn` (0…1) to UID 0. Throws with a message for the user. */
export function draftFromDocument(text: string, burn: number): WeightsDraft {
  return draftFromUidWeights(weightsFromAffineDocument(text, burn));
}

/** Float weights per UID (any source in sources.ts) with their u16 values. */
export function draftFromUidWeights(w: UidWeights): WeightsDraft {
  const emit = convertWeightsForEmit(w.uids, w.weights);
  // convertWeightsForEmit drops entries that round to 0: keep the float weights aligned with what is sent.
  const share = new Map(w.uids.map((u, i) => [u, w.weights[i]!]));
  const notes = [...w.notes];
  if (w.unknown.length) notes.push(`No UID for ${w.unknown.join(', ')}: burnt to UID 0.`);
  return { uids: emit.uids, weights: emit.uids.map((u) => share.get(u) ?? 0), values: emit.values, notes };
}

/**
 * The drand round to encrypt to, from the metagraph's head block and `Timestamp.Now` (§2.9). Generation B asks the
 * node for its next epoch start; without that API there is no reliable recipe, so it refuses.
 */
export async function revealPlanFor(api: ApiPromise, features: RuntimeFeatures, mg: Metagraph): Promise<RevealPlan> {
  // Timestamp.Now is the chain's clock; the local clock is only the fallback for a chain that reports none.
  const now = mg.timestampMs > 0 ? Math.floor(mg.timestampMs / 1000) : Math.floor(Date.now() / 1000);
  const common = { block: mg.block, now, tempo: mg.params.tempo, revealPeriodEpochs: mg.params.revealPeriodEpochs };
  if (features.epochScheduler === 'modulo')
    return chooseRevealRound({ scheduler: 'modulo', netuid: mg.netuid, ...common });
  const call = api.call.subnetInfoRuntimeApi?.getNextEpochStartBlock;
  if (!call)
    throw new Error('This runtime has stateful epochs but no get_next_epoch_start_block: cannot pick a round.');
  const next = (await call(mg.netuid)) as unknown as { isSome: boolean; unwrap(): { toString(): string } };
  const nextEpochStartBlock = next.isSome ? Number(next.unwrap().toString()) : null;
  return chooseRevealRound({ scheduler: 'stateful', nextEpochStartBlock, ...common });
}

/**
 * The reveal plan from the head block and `Timestamp.Now` read at this moment: the metagraph may have been loaded
 * minutes ago, and a round aimed from a stale block can land outside the reveal window.
 */
export async function revealPlanNow(api: ApiPromise, features: RuntimeFeatures, mg: Metagraph): Promise<RevealPlan> {
  const [header, now] = await Promise.all([api.rpc.chain.getHeader(), api.query.timestamp!.now!()]);
  const fresh = { ...mg, block: header.number.toNumber(), timestampMs: Number(now.toString()) };
  return revealPlanFor(api, features, fresh);
}

/** The weights a stored hash commit hides, shown as shares of their u16 values. */
export function draftFromValues(uids: number[], values: number[]): WeightsDraft {
  const total = values.reduce((s, v) => s + v, 0) || 1;
  return { uids, values, weights: values.map((v) => v / total), notes: [] };
}

/**
 * Preflight of `draft` signed by `hotkey` as `extrinsic` (the chain's default when omitted). The reveal round only
 * for timelocked commits; for hash commits `unrevealed` is the hotkey's queue on chain.
 */
export function preflightDraft(
  mg: Metagraph,
  hotkey: string,
  draft: WeightsDraft,
  plan: RevealPlan | null,
  { extrinsic, unrevealed }: { extrinsic?: WeightsExtrinsic; unrevealed?: number } = {},
) {
  const state = chainStateFor(mg, hotkey);
  return preflightWeights(unrevealed === undefined ? state : { ...state, unrevealedCommits: unrevealed }, {
    hotkey,
    uids: draft.uids,
    values: draft.values,
    versionKey: mg.params.weightsVersionKey,
    ...(extrinsic ? { extrinsic } : {}),
    ...(plan ? { revealRound: plan.revealRound } : {}),
    commitRevealVersion: mg.params.commitRevealWeightsVersion,
  });
}

/**
 * A commit-reveal v2 hash commit of `draft` (chain.md §2.6) under a fresh salt: the submission, and the record to
 * store before signing, since without its salt the commit can never be revealed.
 */
export function buildHashCommit(
  mg: Metagraph,
  hotkey: string,
  draft: WeightsDraft,
  genesisHash: string,
): { submission: WeightsSubmission; record: WeightCommitRecord } {
  const salt = randomSalt();
  const versionKey = mg.params.weightsVersionKey;
  const { uids, values } = draft;
  // Mechanism 0: the storage index is the netuid itself.
  const netuidIndex = mg.netuid;
  const hash = commitHash({ hotkey: decodeAddress(hotkey), netuidIndex, uids, values, salt, versionKey });
  return {
    submission: { kind: 'commit_weights', netuid: mg.netuid, commitHash: hexToU8a(hash) },
    record: {
      hash,
      genesisHash,
      netuid: mg.netuid,
      netuidIndex,
      hotkey,
      uids: [...uids],
      values: [...values],
      salt,
      versionKey: versionKey.toString(),
      commitBlock: 0,
      commitEpoch: 0,
      revealPeriodEpochs: mg.params.revealPeriodEpochs,
      createdAt: Date.now(),
      status: 'pending',
    },
  };
}

/** The `reveal_weights` that opens a stored hash commit: exactly its weights, salt and version key. */
export function revealSubmission(rec: WeightCommitRecord): WeightsSubmission {
  const { netuid, uids, values, salt } = rec;
  return { kind: 'reveal_weights', netuid, uids, values, salt, versionKey: BigInt(rec.versionKey) };
}

/** The submission preflight chose; for a timelocked commit this encrypts the payload to `plan.revealRound`. */
export async function buildSubmission(
  mg: Metagraph,
  hotkey: string,
  draft: WeightsDraft,
  preflight: PreflightResult,
  plan: RevealPlan | null,
): Promise<WeightsSubmission> {
  const versionKey = mg.params.weightsVersionKey;
  if (preflight.extrinsic === 'set_weights')
    return { kind: 'set_weights', netuid: mg.netuid, uids: draft.uids, values: draft.values, versionKey };
  if (preflight.extrinsic !== 'commit_timelocked_weights' || !plan)
    throw new Error(`${preflight.extrinsic} is built by buildHashCommit, not here.`);
  // The chain drops the reveal unless the payload's hotkey is the signer's public key (§2.7).
  const payload = encodeWeightsPayload({
    hotkey: decodeAddress(hotkey),
    uids: draft.uids,
    values: draft.values,
    versionKey,
  });
  return {
    kind: 'commit_timelocked_weights',
    netuid: mg.netuid,
    commit: await encryptForRound(payload, plan.revealRound),
    revealRound: BigInt(plan.revealRound),
    commitRevealVersion: mg.params.commitRevealWeightsVersion,
  };
}
