// The chain's own checks run locally before anything is signed, each with its detail and the chain error it would
// raise; with commit-reveal on, the choice of commit scheme; the refusal the user would meet first; and the one
// button that leads (through the confirmation) to signing. UI realm.
import { For, Show } from 'solid-js';
import type { CheckResult } from '../../chain/weights/preflight.ts';
import type { CommitScheme, ValidatorApi } from './validator-state.ts';

const SCHEMES: [CommitScheme, string][] = [
  ['timelocked', 'Timelocked commit: the chain reveals it by itself (drand)'],
  ['hash', 'Hash commit: you reveal it from this browser in the reveal epoch'],
];

/**
 * Which refusal the user would meet first, and when: the blocker names only the chain error, which need not be the
 * first ✗ in the list (the pool's checks come before dispatch), and a check failing at reveal fails silently.
 */
function refusal(f: CheckResult): string {
  if (f.pool)
    return `The transaction pool would refuse it before inclusion (${f.pool.name}, code ${f.pool.code}): ${f.detail}`;
  if (f.phase === 'apply')
    return `The commit would be accepted, but the chain would drop the weights at reveal (${f.chainError}): ${f.detail}`;
  return `The chain would refuse it with ${f.chainError}: ${f.detail}`;
}

export function PreflightPanel(props: { api: ValidatorApi }) {
  const v = () => props.api;
  const commits = () => v().metagraph()?.params.commitRevealWeightsEnabled ?? false;
  return (
    <section class="panel" aria-labelledby="preflight-title">
      <h3 id="preflight-title">5. Preflight and submit</h3>
      <Show when={commits()}>
        <fieldset class="actions">
          <legend>Commit scheme (commit-reveal is on)</legend>
          <For each={SCHEMES}>
            {([kind, label]) => (
              <label class="inline">
                <input
                  type="radio"
                  name="commit-scheme"
                  value={kind}
                  checked={v().scheme() === kind}
                  onChange={() => v().setScheme(kind)}
                />{' '}
                {label}
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      <Show when={v().preflight()}>
        {(p) => (
          <>
            <p>
              Extrinsic: <code>{p().extrinsic}</code>
              <Show when={v().plan()}>{(plan) => <>, reveal round {plan().revealRound}</>}</Show>
            </p>
            <ul class="checks" data-testid="preflight">
              <For each={p().checks}>
                {(c) => (
                  <li class={c.ok ? 'ok' : 'bad'} data-ok={c.ok ? 'true' : 'false'}>
                    <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span>
                    <span class="visually-hidden">{c.ok ? 'passes:' : 'fails:'}</span> {c.name}
                    {c.phase === 'apply' ? ' (at reveal)' : ''}: {c.detail} <code>{c.chainError}</code>
                    <Show when={c.pool}>{(pool) => <> (pool code {pool().code})</>}</Show>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
      <div class="actions">
        <button
          type="button"
          onClick={() => void v().openConfirmation()}
          disabled={v().blocker() !== null || v().busy()}
        >
          {commits() ? 'Commit weights' : 'Set weights'}
        </button>
        <Show when={v().blocker()}>
          <span class="hint" data-testid="submit-blocker">
            {v().blocker()}
          </span>
        </Show>
      </div>
      <Show when={v().preflight()?.firstFailure}>{(f) => <p data-testid="first-failure">{refusal(f())}</p>}</Show>
    </section>
  );
}
