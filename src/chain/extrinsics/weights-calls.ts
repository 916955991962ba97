// The four ways to write weights (chain.md §2.1, §2.10) as @polkadot/api calls, and what the confirmation dialog
// shows of a call before anything is signed: its pallet and method, and every argument decoded back from the call's
// own bytes. UI realm (needs a connected ApiPromise).
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Call } from '@polkadot/types/interfaces';
import { u8aToHex } from '@polkadot/util';

export type WeightsSubmission =
  /** Commit-reveal off: the weights go on chain as they are. */
  | { kind: 'set_weights'; netuid: number; uids: number[]; values: number[]; versionKey: bigint }
  /** Commit-reveal on: drand-timelocked (src/chain/timelock); the chain reveals it itself at `revealRound`. */
  | {
      kind: 'commit_timelocked_weights';
      netuid: number;
      commit: Uint8Array;
      revealRound: bigint;
      commitRevealVersion: number;
    }
  /** Commit-reveal v2: a hash now (src/chain/weights/commit-hash.ts), the reveal by the user one epoch later. */
  | { kind: 'commit_weights'; netuid: number; commitHash: Uint8Array }
  | { kind: 'reveal_weights'; netuid: number; uids: number[]; values: number[]; salt: number[]; versionKey: bigint };

/** The largest `commit` the chain decodes (MAX_CRV3_COMMIT_SIZE_BYTES). */
export const MAX_TIMELOCKED_COMMIT_BYTES = 5000;

export class SubmissionError extends Error {}

export function buildWeightsCall(api: ApiPromise, s: WeightsSubmission): SubmittableExtrinsic<'promise'> {
  const tx = api.tx.subtensorModule;
  const need = (name: string) => {
    if (!tx?.[name]) throw new SubmissionError(`this chain has no SubtensorModule.${name}: wrong network or runtime`);
    return tx[name];
  };
  switch (s.kind) {
    case 'set_weights':
      return need('setWeights')(s.netuid, s.uids, s.values, s.versionKey);
    case 'commit_timelocked_weights':
      if (s.commit.length > MAX_TIMELOCKED_COMMIT_BYTES)
        throw new SubmissionError(
          `the timelocked commit is ${s.commit.length} bytes; the chain accepts at most ${MAX_TIMELOCKED_COMMIT_BYTES} ` +
            '(about 1,177 uids): set fewer weights',
        );
      // As hex: a Uint8Array given for `Bytes` is read as already SCALE-encoded (length-prefixed) (chain.md §2.7).
      return need('commitTimelockedWeights')(s.netuid, u8aToHex(s.commit), s.revealRound, s.commitRevealVersion);
    case 'commit_weights':
      return need('commitWeights')(s.netuid, u8aToHex(s.commitHash));
    case 'reveal_weights':
      return need('revealWeights')(s.netuid, s.uids, s.values, s.salt, s.versionKey);
  }
}

export interface DecodedCall {
  /** `subtensorModule.commitTimelockedWeights`, as @polkadot/api names it. */
  name: string;
  /** Argument name → value as JSON-friendly text (numbers as decimal strings, bytes as 0x-hex). */
  args: [string, unknown][];
  /** SCALE of the call, 0x-hex: what the wallet will be asked to sign over. */
  hex: string;
}

/**
 * Decodes a call from its bytes, not from what was passed in: the dialog shows exactly what would be signed.
 */
export function decodeCall(api: ApiPromise, callHex: string): DecodedCall {
  const call = api.registry.createType('Call', callHex) as Call;
  const meta = call.meta.args;
  return {
    name: `${call.section}.${call.method}`,
    args: call.args.map((a, i) => [meta[i]!.name.toString(), a.toJSON()]),
    hex: call.toHex(),
  };
}
