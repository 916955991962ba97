// Signing and following one extrinsic: sign through the wallet's signer, submit, follow it to its block, and turn
// the outcome into events and a named error (a pool rejection's custom code per chain.md §2.4, or the pallet error
// of a failed dispatch). UI realm.
import type { ApiPromise } from '@polkadot/api';
import type { Signer, SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord, RuntimeVersion } from '@polkadot/types/interfaces';
import { POOL_REJECTIONS } from '../pool-rejections.ts';

export interface ChainEvent {
  name: string; // `subtensorModule.WeightsSet`
  data: unknown[];
}

export type TxStatus = 'signing' | 'submitted' | 'ready' | 'in block' | 'finalized';

export interface TxOutcome {
  ok: boolean;
  blockHash: string | null;
  events: ChainEvent[];
  /** The chain's own name for the failure, e.g. `SubtensorModule.SettingWeightsTooFast`, with its docs. */
  error: { name: string; docs: string } | null;
}

/** Why a transaction was not seen included; `sent` says whether it may still reach the chain. */
export class TxError extends Error {
  constructor(
    message: string,
    readonly sent: boolean,
  ) {
    super(message);
  }
}

/** A readable message for an RPC submission error (pool rejections carry only a number). */
export function explainSubmitError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const custom = /Custom error: (\d+)/.exec(msg);
  if (custom) {
    const r = POOL_REJECTIONS.get(Number(custom[1]));
    const what = r ? `${r.name}${r.why ? `: ${r.why}` : ''}` : `custom error ${custom[1]}`;
    return `The chain refused the transaction before inclusion: ${what}.`;
  }
  if (/Cancelled|Rejected by user|rejected/i.test(msg))
    return 'The signature was rejected in the wallet: nothing was sent.';
  return `The transaction could not be submitted: ${msg}`;
}

function dispatchErrorOf(tx: SubmittableExtrinsic<'promise'>, err: DispatchError): { name: string; docs: string } {
  if (err.isModule) {
    const m = tx.registry.findMetaError(err.asModule);
    return { name: `${m.section}.${m.name}`, docs: m.docs.join(' ') };
  }
  return { name: err.type, docs: err.toString() };
}

export interface TrackOptions {
  /** Wait for finality instead of inclusion. */
  untilFinalized?: boolean;
  /** The connection `tx` was built on: a drop while signing or waiting is then reported at once. */
  api?: ApiPromise;
}

const NODE_DOWN =
  'The connection to the node is down: nothing was signed or sent. Wait until it shows "connected" ' +
  '(it reconnects by itself), then sign again.';

/**
 * Refuses to sign while the node is unreachable, or against metadata the chain no longer runs: after a runtime
 * upgrade the call indices and types the page knows may be wrong, and the wallet would sign something else than the
 * dialog showed.
 */
export async function assertFreshRuntime(api: ApiPromise): Promise<void> {
  // Before asking: WsProvider's own refusal ("WebSocket is not connected\nFailed WS Request: …") says neither what
  // happened to the transaction nor what to do.
  if (!api.isConnected) throw new Error(NODE_DOWN);
  let live: RuntimeVersion;
  try {
    live = await api.rpc.state.getRuntimeVersion();
  } catch (e) {
    // A drop while the request was out rejects it after the API has seen the disconnect.
    if (!api.isConnected) throw new Error(NODE_DOWN, { cause: e });
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`The node did not say which runtime it runs (${why}): nothing was signed or sent. Try again.`, {
      cause: e,
    });
  }
  const known = api.runtimeVersion;
  if (!live.specVersion.eq(known.specVersion) || !live.transactionVersion.eq(known.transactionVersion))
    throw new Error(
      `The chain's runtime changed (spec ${known.specVersion.toNumber()} → ${live.specVersion.toNumber()}) since ` +
        'Arbiter read its metadata. Reconnect before signing: nothing was sent.',
    );
}

/**
 * Signs `tx` as `address` with the wallet's `signer`, submits it and resolves once it is in a block (or finalized,
 * if `untilFinalized`). Rejects with a readable message when the wallet refuses, the pool rejects it, or the
 * connection drops (saying whether the transaction had been sent).
 */
export function signAndTrack(
  tx: SubmittableExtrinsic<'promise'>,
  address: string,
  signer: Signer,
  onStatus: (s: TxStatus) => void = () => {},
  { untilFinalized = false, api }: TrackOptions = {},
): Promise<TxOutcome> {
  onStatus('signing');
  return new Promise<TxOutcome>((resolve, reject) => {
    let unsub: (() => void) | null = null;
    /** Once the wallet has signed, the submission may be on the wire: a drop after that is not "nothing sent". */
    let signed = false;
    let settled = false;
    const tracked: Signer = {
      ...signer,
      signPayload: signer.signPayload
        ? async (payload) => {
            const r = await signer.signPayload!(payload);
            signed = true;
            return r;
          }
        : undefined,
    };
    const onDrop = () => {
      if (settled) return;
      settled = true;
      unsub?.();
      reject(
        new TxError(
          signed
            ? 'The connection to the node dropped after the transaction was signed: it may still be included. ' +
                'Reconnect and check the chain before sending it again.'
            : 'The connection to the node dropped before the transaction was sent: nothing was submitted.',
          signed,
        ),
      );
    };
    api?.once('disconnected', onDrop);
    const done = () => {
      settled = true;
      api?.off('disconnected', onDrop);
    };
    tx.signAndSend(address, { signer: tracked, nonce: -1 }, (result) => {
      if (settled) return;
      const s = result.status;
      if (s.isReady) onStatus('ready');
      if (!(s.isInBlock || s.isFinalized)) return;
      onStatus(s.isFinalized ? 'finalized' : 'in block');
      if (untilFinalized && !s.isFinalized) return;
      const events = result.events.map(({ event }: EventRecord) => ({
        name: `${event.section}.${event.method}`,
        data: event.data.map((d) => d.toJSON()),
      }));
      const error = result.dispatchError ? dispatchErrorOf(tx, result.dispatchError) : null;
      unsub?.();
      done();
      resolve({ ok: !error, blockHash: (s.isInBlock ? s.asInBlock : s.asFinalized).toHex(), events, error });
    })
      .then((u) => {
        unsub = u;
        if (settled) u();
        else onStatus('submitted');
      })
      .catch((e: unknown) => {
        if (settled) return;
        done();
        // The wallet refused, or the node refused the submission: nothing is in the pool.
        reject(new TxError(explainSubmitError(e), false));
      });
  });
}
