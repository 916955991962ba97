// The confirmation before signing: the call decoded from its own bytes (pallet.method and every argument) and the
// weights as shares. "Sign" is the only path to the wallet; Cancel and Escape close it with nothing sent. UI realm.
import { For, Show } from 'solid-js';
import { DecodedCallView } from '../DecodedCallView.tsx';
import { SigningDialog } from '../SigningDialog.tsx';
import type { Confirmation, ValidatorApi } from './validator-state.ts';

function Body(props: { c: Confirmation }) {
  const total = () => props.c.draft.values.reduce((s, x) => s + x, 0);
  return (
    <>
      <DecodedCallView decoded={props.c.decoded} signer={props.c.signer} />
      <Show when={props.c.hashCommit?.kind === 'commit' && props.c.hashCommit}>
        {(h) => (
          <p class="hint" data-testid="confirm-hash-commit">
            Only the hash goes on chain now. Reveal these weights from this page between blocks {h().revealBlocks?.[0]}{' '}
            and {h().revealBlocks?.[1]} (if included in the next block); the salt is kept in this browser until then. A
            commit not revealed in time is lost.
          </p>
        )}
      </Show>
      <Show when={props.c.hashCommit?.kind === 'reveal'}>
        <p class="hint">Reveals the weights committed under hash {props.c.hashCommit?.record.hash.slice(0, 18)}….</p>
      </Show>
      <Show when={props.c.revealRound !== null}>
        <p class="hint">
          The weights are encrypted to drand round {props.c.revealRound}; the chain reveals them itself once that round
          is out.
        </p>
      </Show>
      <table data-testid="confirm-weights">
        <thead>
          <tr>
            <th scope="col">UID</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.c.draft.uids}>
            {(uid, i) => (
              <tr>
                <td>{uid}</td>
                <td>{((100 * props.c.draft.values[i()]!) / total()).toFixed(2)} %</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </>
  );
}

export function ConfirmDialog(props: { api: ValidatorApi }) {
  return (
    <SigningDialog id="confirm" title="Confirm the weights extrinsic" session={props.api}>
      {(c) => <Body c={c()} />}
    </SigningDialog>
  );
}
