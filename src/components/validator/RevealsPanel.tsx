// The reveal reminder: hash commits (commit-reveal v2) stored in this browser, each with its reveal window against
// the live head, whether the chain still holds it, and the Reveal button while the window is open. UI realm.
import { For, Show } from 'solid-js';
import type { CommitView } from './hash-commits.ts';
import type { ValidatorApi } from './validator-state.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';

function stateText(v: CommitView): string {
  const r = v.record;
  if (r.status === 'pending')
    return v.onChain === false
      ? 'Not on chain: the commit was never included (or the page closed before it was seen).'
      : 'Sent, not yet seen included.';
  if (v.onChain === false && v.window?.state !== 'expired')
    return 'No longer on chain: revealed elsewhere, or replaced by a later reveal.';
  if (!v.window) return `Reveal in blocks ${r.firstRevealBlock}–${r.lastRevealBlock}: connect to see the head.`;
  if (v.window.state === 'wait')
    return `Wait ${v.window.blocksToWait} blocks: reveal in blocks ${r.firstRevealBlock}–${r.lastRevealBlock}.`;
  if (v.window.state === 'open') return `Reveal now: the window closes after block ${r.lastRevealBlock}.`;
  return `Too late: the window closed at block ${r.lastRevealBlock}; the chain drops this commit.`;
}

export function RevealsPanel(props: { api: ValidatorApi }) {
  const v = () => props.api;
  const hc = () => v().hashCommits;
  const due = () =>
    hc()
      .views()
      .filter((x) => x.window?.state === 'open' && x.record.status === 'committed');
  return (
    <Show when={hc().views().length > 0 || hc().error()}>
      <section class="panel" aria-labelledby="reveals-title">
        <h3 id="reveals-title">6. Commits to reveal</h3>
        <Show when={due().length > 0}>
          <p role="alert" class="ok" data-testid="reveal-due">
            {due().length === 1
              ? 'A hash commit is in its reveal window: reveal it before the window closes.'
              : `${due().length} hash commits are in their reveal windows: reveal them before the windows close.`}
          </p>
        </Show>
        <ErrorAlert message={hc().error()} />
        <table data-testid="hash-commits">
          <thead>
            <tr>
              <th scope="col">Commit</th>
              <th scope="col">Subnet</th>
              <th scope="col">Block</th>
              <th scope="col">State</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            <For each={hc().views()}>
              {(x) => (
                <tr data-hash={x.record.hash}>
                  <td>
                    <code title={x.record.hash}>{x.record.hash.slice(0, 12)}…</code>
                  </td>
                  <td>{x.record.netuid}</td>
                  <td>{x.record.commitBlock || '—'}</td>
                  <td data-testid="commit-state">{stateText(x)}</td>
                  <td>
                    <Show when={x.record.status === 'committed' && x.window?.state === 'open'}>
                      <button type="button" onClick={() => v().openReveal(x.record)} disabled={v().busy()}>
                        Reveal
                      </button>
                    </Show>
                    <Show when={x.window?.state === 'expired' || x.onChain === false}>
                      <button
                        type="button"
                        onClick={() =>
                          void hc().forget(x.record.hash, x.record.status === 'pending' ? 'never sent' : 'expired')
                        }
                      >
                        Forget
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </Show>
  );
}
