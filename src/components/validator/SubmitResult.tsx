// What came of the last submission: its events, or the chain's named error, or why nothing was sent. UI realm.
import { Show } from 'solid-js';
import { EventList } from '../EventList.tsx';
import type { ValidatorApi } from './validator-state.ts';

export function SubmitResult(props: { api: ValidatorApi }) {
  const v = () => props.api;
  return (
    <>
      <Show when={v().message()}>
        {(m) => (
          <p class={m().kind} role={m().kind === 'error' ? 'alert' : 'status'} data-testid="validator-message">
            {m().text}
          </p>
        )}
      </Show>
      <Show when={v().outcome()}>
        {(o) => (
          <section class="panel" aria-labelledby="result-title" data-testid="submit-result">
            <h3 id="result-title">Result</h3>
            <p role="status" class={o().ok ? 'ok' : 'error'}>
              {o().ok
                ? `Included in block ${o().blockHash?.slice(0, 12)}….`
                : `Failed: ${o().error?.name}${o().error?.docs ? ` (${o().error?.docs})` : ''}`}
            </p>
            <Show when={v().reveal()}>
              {(r) => (
                <p role="status" data-testid="reveal-state" class={r().state === 'not revealed' ? 'error' : 'ok'}>
                  {((s) =>
                    s.state === 'watching'
                      ? `Waiting for the chain to reveal this commit (by block ${s.deadline})…`
                      : s.state === 'revealed'
                        ? `Revealed by the chain in block ${s.block}: the weights are set.`
                        : `Not revealed by block ${s.lastBlock}: the chain dropped the commit without an error ` +
                          '(a missing drand pulse, or a check that failed at reveal: permit, stake, version key).')(
                    r(),
                  )}
                </p>
              )}
            </Show>
            <EventList events={o().events} />
          </section>
        )}
      </Show>
    </>
  );
}
