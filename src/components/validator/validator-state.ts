// State of the Validator page as Solid signals: the chain session, the metagraph of one subnet and its miners'
// commitments, the wallet account, the weights draft (from a file or from stored runs) and its preflight, the
// commit scheme when commit-reveal is on, and the confirm → sign → result steps (also for revealing a stored hash
// commit). Nothing is signed except from `sign()`, which only runs while a confirmation is open. UI realm.
import { createEffect, createMemo, createResource, createSignal, on } from 'solid-js';
import { readCommitments, type MinerCommitment } from '../../chain/commitments.ts';
import { readMetagraph, type Metagraph } from '../../chain/metagraph.ts';
import { buildWeightsCall, decodeCall, type DecodedCall } from '../../chain/extrinsics/weights-calls.ts';
import {
  assertFreshRuntime,
  signAndTrack,
  TxError,
  type TxOutcome,
  type TxStatus,
} from '../../chain/extrinsics/track.ts';
import { watchTimelockedReveal, type RevealOutcome, type RevealWatch } from '../../chain/extrinsics/watch-reveal.ts';
import { commitWindowModulo } from '../../chain/weights/reveal-window.ts';
import type { WeightsExtrinsic } from '../../chain/weights/preflight.ts';
import type { WeightCommitRecord } from '../../storage/schema.ts';
import { deleteWeightCommit, saveWeightCommit } from '../../storage/weight-commits.ts';
import { signerOf, type WalletAccount } from '../../wallet/extension.ts';
import { createWalletSession } from '../wallet-session.ts';
import { createChainSession } from './chain-session.ts';
import { createHashCommits } from './hash-commits.ts';
import { createRunsSource } from './runs-source.ts';
import {
  buildHashCommit,
  buildSubmission,
  draftFromDocument,
  draftFromValues,
  preflightDraft,
  revealPlanFor,
  revealPlanNow,
  revealSubmission,
  type WeightsDraft,
} from './weights-draft.ts';

type Tx = ReturnType<typeof buildWeightsCall>;

/** What the confirmation dialog shows, and the exact extrinsic `sign()` will sign. */
export interface Confirmation {
  decoded: DecodedCall;
  draft: WeightsDraft;
  signer: WalletAccount;
  revealRound: number | null;
  /** For a timelocked commit: the last block of its reveal epoch, after which the chain has dropped it. */
  revealDeadline: number | null;
  netuid: number;
  tx: Tx;
  /**
   * A hash commit (its record, salt included, is stored before signing) or the reveal of a stored one. For a commit,
   * `revealBlocks` estimates its reveal window from the head block.
   */
  hashCommit?: { kind: 'commit' | 'reveal'; record: WeightCommitRecord; revealBlocks?: [number, number] };
}

/** The chain's reveal of the last timelocked commit: being watched (until `deadline`), or what came of it. */
export type RevealState = { state: 'watching'; deadline: number } | RevealOutcome;

export type Message = { kind: 'error' | 'status'; text: string };

/** Where the weights come from: an Affine weights file, or a verdict on runs stored in this browser. */
export type WeightsSourceKind = 'file' | 'runs';

/** With commit-reveal on: a drand-timelocked commit the chain reveals, or a hash commit the user reveals (CR-v2). */
export type CommitScheme = 'timelocked' | 'hash';

export function createValidator() {
  const chain = createChainSession();
  const [netuid, setNetuid] = createSignal(120);
  const [metagraph, setMetagraph] = createSignal<Metagraph | null>(null);
  const [metagraphError, setMetagraphError] = createSignal<string | null>(null);
  const [loadingMetagraph, setLoadingMetagraph] = createSignal(false);
  const [commitments, setCommitments] = createSignal<ReadonlyMap<string, MinerCommitment>>(new Map());
  const [commitmentsError, setCommitmentsError] = createSignal<string | null>(null);
  const wallet = createWalletSession();
  const { account } = wallet;
  const [docText, setDocText] = createSignal<string | null>(null);
  const [docName, setDocName] = createSignal('');
  const [burn, setBurn] = createSignal(0);
  const [source, setSource] = createSignal<WeightsSourceKind>('file');
  const [confirmation, setConfirmation] = createSignal<Confirmation | null>(null);
  const [message, setMessage] = createSignal<Message | null>(null);
  const [txStatus, setTxStatus] = createSignal<TxStatus | null>(null);
  const [outcome, setOutcome] = createSignal<TxOutcome | null>(null);
  const [reveal, setReveal] = createSignal<RevealState | null>(null);
  let revealWatch: RevealWatch | null = null;
  const [busy, setBusy] = createSignal(false);
  // A metagraph belongs to the connection it was read over: a new Connect (maybe another chain) must not sign with
  // the old chain's block, UIDs and permits. WsProvider's own reconnects keep the connection object, and the data.
  createEffect(
    on(
      chain.connection,
      () => {
        setMetagraph(null);
        setCommitments(new Map());
        setMetagraphError(null);
      },
      { defer: true },
    ),
  );
  const [scheme, setScheme] = createSignal<CommitScheme>('timelocked');
  const hashCommits = createHashCommits({ chain, metagraph, account });
  // The stored commits show from the start; the chain's queue once a network, a subnet and a hotkey are known.
  createEffect(() => {
    chain.connection();
    metagraph();
    account();
    void hashCommits.refresh();
  });

  async function loadMetagraph() {
    const conn = chain.connection();
    if (!conn) return setMetagraphError('Connect to a network first.');
    setLoadingMetagraph(true);
    setMetagraphError(null);
    setCommitments(new Map());
    setCommitmentsError(null);
    try {
      // Commitments only label miners and prefill UIDs: when they cannot be read, the metagraph still loads.
      const [mg, found] = await Promise.all([
        readMetagraph(conn.api, netuid()),
        readCommitments(conn.api, netuid()).catch((e: Error) => {
          setCommitmentsError(`Miners' commitments could not be read: ${e.message}`);
          return new Map<string, MinerCommitment>();
        }),
      ]);
      setMetagraph(mg);
      setCommitments(found);
      if (!mg.params.exists) setMetagraphError(`Subnet ${mg.netuid} does not exist on this chain.`);
    } catch (e) {
      setMetagraph(null);
      setMetagraphError((e as Error).message);
    } finally {
      setLoadingMetagraph(false);
    }
  }

  const runs = createRunsSource({ active: () => source() === 'runs', metagraph, commitments, burn });

  const fileDraft = createMemo((): { draft?: WeightsDraft; error?: string } => {
    const text = docText();
    if (text === null) return {};
    try {
      return { draft: draftFromDocument(text, burn()) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  });

  const draft = () => (source() === 'runs' ? runs.draft() : fileDraft());

  const extrinsic = createMemo((): WeightsExtrinsic | null => {
    const mg = metagraph();
    if (!mg) return null;
    if (!mg.params.commitRevealWeightsEnabled) return 'set_weights';
    return scheme() === 'hash' ? 'commit_weights' : 'commit_timelocked_weights';
  });

  // The reveal round depends only on chain facts; a node call may be needed (generation B), hence a resource.
  const [plan] = createResource(
    () => {
      const conn = chain.connection();
      const mg = metagraph();
      return conn && mg && extrinsic() === 'commit_timelocked_weights' ? { conn, mg } : null;
    },
    ({ conn, mg }) => revealPlanFor(conn.api, conn.features, mg),
  );

  const preflight = createMemo(() => {
    const mg = metagraph();
    const acc = account();
    const d = draft().draft;
    const ex = extrinsic();
    if (!mg || !acc || !d || !ex) return null;
    if (ex === 'commit_timelocked_weights' && !plan()) return null;
    if (ex === 'commit_weights')
      return preflightDraft(mg, acc.address, d, null, { extrinsic: ex, unrevealed: hashCommits.unrevealed() });
    return preflightDraft(mg, acc.address, d, ex === 'commit_timelocked_weights' ? plan()! : null);
  });

  /** Why the Commit/Set button is disabled, or null when it may be pressed. */
  const blocker = createMemo((): string | null => {
    const conn = chain.connection();
    if (!conn) return 'Connect to a network.';
    if (conn.info.genesisMatches === false) return 'Wrong network: signing is disabled.';
    if (!metagraph()) return 'Load the metagraph.';
    if (!account()) return 'Connect a wallet and pick the hotkey.';
    if (!draft().draft)
      return source() === 'runs' ? 'Pick two or more stored runs and give each model its UID.' : 'Load a weights file.';
    if (extrinsic() === 'commit_weights' && conn.features.epochScheduler !== 'modulo')
      return 'Hash commits are offered on runtimes with the modulo epoch schedule only: use the timelocked commit.';
    if (extrinsic() === 'commit_timelocked_weights' && plan.error)
      return `No reveal round: ${(plan.error as Error).message}`;
    const p = preflight();
    if (!p) return 'Working out the preflight…';
    if (!p.ok) return `Preflight failed: ${p.firstFailure?.chainError}.`;
    return null;
  });

  async function openConfirmation() {
    const conn = chain.connection();
    const mg = metagraph();
    const acc = account();
    const d = draft().draft;
    const p = preflight();
    if (blocker() || !conn || !mg || !acc || !d || !p) return;
    setBusy(true);
    setMessage(null);
    setOutcome(null);
    try {
      if (p.extrinsic === 'commit_weights') {
        const { submission, record } = buildHashCommit(mg, acc.address, d, conn.info.genesisHash);
        const tx = buildWeightsCall(conn.api, submission);
        // Included in the next block at the earliest: the window that block's epoch gives.
        const w = commitWindowModulo(mg.block + 1, mg.netuid, mg.params.tempo, mg.params.revealPeriodEpochs);
        const revealBlocks: [number, number] = [w.firstRevealBlock, w.lastRevealBlock];
        const decoded = decodeCall(conn.api, tx.method.toHex());
        const common = { decoded, draft: d, signer: acc, revealRound: null, revealDeadline: null, netuid: mg.netuid };
        setConfirmation({ ...common, tx, hashCommit: { kind: 'commit', record, revealBlocks } });
        return;
      }
      const revealPlan =
        p.extrinsic === 'commit_timelocked_weights' ? await revealPlanNow(conn.api, conn.features, mg) : null;
      const submission = await buildSubmission(mg, acc.address, d, p, revealPlan);
      const tx = buildWeightsCall(conn.api, submission);
      // Decoded from the call's own bytes: the dialog shows what will be signed, not what was meant.
      const decoded = decodeCall(conn.api, tx.method.toHex());
      setConfirmation({
        decoded,
        draft: d,
        signer: acc,
        revealRound: revealPlan?.revealRound ?? null,
        revealDeadline: revealPlan ? revealPlan.firstRevealBlock + mg.params.tempo : null,
        netuid: mg.netuid,
        tx,
      });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  /** Opens the confirmation for revealing a stored hash commit, after checking chain, hotkey and connection. */
  function openReveal(record: WeightCommitRecord) {
    const conn = chain.connection();
    const acc = account();
    setMessage(null);
    setOutcome(null);
    const refuse = (text: string) => setMessage({ kind: 'error', text });
    if (busy()) return;
    if (!conn) return refuse('Connect to the network the commit was made on to reveal it.');
    if (conn.info.genesisHash !== record.genesisHash)
      return refuse('This commit was made on another chain (its genesis differs): connect to that network.');
    if (!acc || !hashCommits.samePublicKey(acc.address, record.hotkey))
      return refuse(`Only the hotkey that committed (${record.hotkey}) can reveal: connect the wallet and pick it.`);
    try {
      const tx = buildWeightsCall(conn.api, revealSubmission(record));
      setConfirmation({
        decoded: decodeCall(conn.api, tx.method.toHex()),
        draft: draftFromValues(record.uids, record.values),
        signer: acc,
        revealRound: null,
        revealDeadline: null,
        netuid: record.netuid,
        tx,
        hashCommit: { kind: 'reveal', record },
      });
    } catch (e) {
      refuse((e as Error).message);
    }
  }

  function cancel() {
    if (busy()) return;
    setConfirmation(null);
    setMessage({ kind: 'status', text: 'Cancelled: nothing was signed or sent.' });
  }

  async function sign() {
    const c = confirmation();
    if (!c || busy()) return;
    setBusy(true);
    setMessage(null);
    revealWatch?.stop();
    setReveal(null);
    try {
      const conn = chain.connection();
      if (!conn) throw new Error('The connection to the node is gone: reconnect, nothing was sent.');
      // The dialog decoded the call with the metadata of connect time: refuse if the runtime changed since.
      await assertFreshRuntime(conn.api);
      const signer = await signerOf(c.signer);
      const hc = c.hashCommit;
      // The salt is stored before the wallet sees the call: a commit sent from a tab that then closes stays revealable.
      if (hc?.kind === 'commit') await saveWeightCommit(hc.record);
      const result = await signAndTrack(c.tx, c.signer.address, signer, setTxStatus, { api: conn.api }).catch(
        async (e: unknown) => {
          if (hc?.kind === 'commit' && !(e instanceof TxError && e.sent)) await deleteWeightCommit(hc.record.hash);
          throw e;
        },
      );
      setOutcome(result);
      if (hc?.kind === 'commit') {
        if (result.ok) await hashCommits.settle(hc.record, result.blockHash);
        else await deleteWeightCommit(hc.record.hash).then(hashCommits.refresh);
      }
      if (hc?.kind === 'reveal' && result.ok) await hashCommits.markRevealed(hc.record.hash);
      if (result.ok && c.revealDeadline !== null) {
        // The chain reveals a timelocked commit by itself and fails silently: only its event confirms it.
        const deadline = c.revealDeadline;
        const watch = watchTimelockedReveal(conn.api, c.netuid, c.signer.address, deadline);
        revealWatch = watch;
        void watch.watching.then(
          () => revealWatch === watch && !reveal() && setReveal({ state: 'watching', deadline }),
        );
        void watch.done.then((o) => revealWatch === watch && setReveal(o));
      }
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
      setConfirmation(null);
    }
  }

  return {
    chain,
    netuid,
    setNetuid,
    metagraph,
    metagraphError,
    loadingMetagraph,
    loadMetagraph,
    commitments,
    commitmentsError,
    ...wallet,
    source,
    setSource,
    scheme,
    setScheme,
    extrinsic,
    hashCommits,
    openReveal,
    runs,
    docName,
    burn,
    setBurn,
    setDocument(name: string, text: string) {
      setDocName(name);
      setDocText(text);
    },
    draft,
    plan,
    preflight,
    blocker,
    confirmation,
    openConfirmation,
    cancel,
    sign,
    busy,
    message,
    txStatus,
    outcome,
    reveal,
  };
}

export type ValidatorApi = ReturnType<typeof createValidator>;
