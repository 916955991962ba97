// State of the Validator page as Solid signals: the chain session, the metagraph of one subnet and its miners'
// commitments, the wallet account, the weights draft (from a file or from stored runs) and its preflight, and the
// confirm → sign → result steps. Nothing is signed except from
// `sign()`, which only runs while a confirmation is open. UI realm.
import { createMemo, createResource, createSignal } from 'solid-js';
import { readCommitments, type MinerCommitment } from '../../chain/commitments.ts';
import { readMetagraph, type Metagraph } from '../../chain/metagraph.ts';
import { buildWeightsCall, decodeCall, type DecodedCall } from '../../chain/extrinsics/weights-calls.ts';
import { assertFreshRuntime, signAndTrack, type TxOutcome, type TxStatus } from '../../chain/extrinsics/track.ts';
import { watchTimelockedReveal, type RevealOutcome, type RevealWatch } from '../../chain/extrinsics/watch-reveal.ts';
import { enableWallet, signerOf, type WalletAccount } from '../../wallet/extension.ts';
import { createChainSession } from './chain-session.ts';
import { createRunsSource } from './runs-source.ts';
import {
  buildSubmission,
  draftFromDocument,
  preflightDraft,
  revealPlanFor,
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
}

/** The chain's reveal of the last timelocked commit: being watched (until `deadline`), or what came of it. */
export type RevealState = { state: 'watching'; deadline: number } | RevealOutcome;

export type Message = { kind: 'error' | 'status'; text: string };

/** Where the weights come from: an Affine weights file, or a verdict on runs stored in this browser. */
export type WeightsSourceKind = 'file' | 'runs';

export function createValidator() {
  const chain = createChainSession();
  const [netuid, setNetuid] = createSignal(120);
  const [metagraph, setMetagraph] = createSignal<Metagraph | null>(null);
  const [metagraphError, setMetagraphError] = createSignal<string | null>(null);
  const [loadingMetagraph, setLoadingMetagraph] = createSignal(false);
  const [commitments, setCommitments] = createSignal<ReadonlyMap<string, MinerCommitment>>(new Map());
  const [commitmentsError, setCommitmentsError] = createSignal<string | null>(null);
  const [accounts, setAccounts] = createSignal<WalletAccount[]>([]);
  const [account, setAccount] = createSignal<WalletAccount | null>(null);
  const [walletError, setWalletError] = createSignal<string | null>(null);
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

  async function connectWallet() {
    setWalletError(null);
    try {
      const list = await enableWallet();
      setAccounts(list);
      setAccount(list[0] ?? null);
    } catch (e) {
      setAccounts([]);
      setAccount(null);
      setWalletError((e as Error).message);
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

  // The reveal round depends only on chain facts; a node call may be needed (generation B), hence a resource.
  const [plan] = createResource(
    () => {
      const conn = chain.connection();
      const mg = metagraph();
      return conn && mg && mg.params.commitRevealWeightsEnabled ? { conn, mg } : null;
    },
    ({ conn, mg }) => revealPlanFor(conn.api, conn.features, mg),
  );

  const preflight = createMemo(() => {
    const mg = metagraph();
    const acc = account();
    const d = draft().draft;
    if (!mg || !acc || !d) return null;
    if (mg.params.commitRevealWeightsEnabled && !plan()) return null;
    return preflightDraft(mg, acc.address, d, mg.params.commitRevealWeightsEnabled ? plan()! : null);
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
    if (plan.error) return `No reveal round: ${(plan.error as Error).message}`;
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
      const revealPlan = mg.params.commitRevealWeightsEnabled ? plan()! : null;
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
      const result = await signAndTrack(c.tx, c.signer.address, signer, setTxStatus, { api: conn.api });
      setOutcome(result);
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
    accounts,
    account,
    setAccount,
    walletError,
    connectWallet,
    source,
    setSource,
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
