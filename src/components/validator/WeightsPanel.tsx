// The weights step: from an Affine `/scores/weights/latest` file or from a verdict on stored runs, with a burn share
// to UID 0, shown as uid → weight → u16. UI realm.
import { For, Show } from 'solid-js';
import { RunsSourceFields } from './RunsSourceFields.tsx';
import type { ValidatorApi, WeightsSourceKind } from './validator-state.ts';

const SOURCES: [WeightsSourceKind, string][] = [
  ['file', 'Affine weights file'],
  ['runs', 'From stored runs'],
];

export function WeightsPanel(props: { api: ValidatorApi }) {
  const v = () => props.api;
  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (file) v().setDocument(file.name, await file.text());
  }
  return (
    <section class="panel" aria-labelledby="weights-title">
      <h3 id="weights-title">4. Weights</h3>
      <fieldset class="actions">
        <legend>Source</legend>
        <For each={SOURCES}>
          {([kind, label]) => (
            <label class="inline">
              <input
                type="radio"
                name="weights-source"
                value={kind}
                checked={v().source() === kind}
                onChange={() => v().setSource(kind)}
              />{' '}
              {label}
            </label>
          )}
        </For>
      </fieldset>
      <Show
        when={v().source() === 'runs'}
        fallback={
          <label class="inline">
            Weights file (Affine /scores/weights/latest JSON){' '}
            <input type="file" accept=".json,application/json" onChange={(e) => void onFile(e.currentTarget)} />
          </label>
        }
      >
        <RunsSourceFields runs={v().runs} />
      </Show>
      <div class="actions">
        <label class="inline">
          Burn share to UID 0 (%){' '}
          <input
            type="number"
            min="0"
            max="100"
            step="any"
            value={v().burn() * 100}
            onInput={(e) => {
              const pct = e.currentTarget.valueAsNumber;
              // An empty field means no burn; anything out of range reaches sources.ts, which names the mistake.
              v().setBurn(Number.isNaN(pct) ? 0 : pct / 100);
            }}
          />
        </label>
      </div>
      <Show when={v().draft().error}>
        <p class="error" role="alert" data-testid="weights-error">
          {v().source() === 'file' ? `${v().docName()}: ` : ''}
          {v().draft().error}
        </p>
      </Show>
      <Show when={v().draft().draft}>
        {(d) => (
          <>
            <table data-testid="weights">
              <thead>
                <tr>
                  <th scope="col">UID</th>
                  <th scope="col">Weight</th>
                  <th scope="col">u16</th>
                </tr>
              </thead>
              <tbody>
                <For each={d().uids}>
                  {(uid, i) => (
                    <tr>
                      <td>{uid}</td>
                      <td>{d().weights[i()]!.toFixed(4)}</td>
                      <td>{d().values[i()]}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <For each={d().notes}>{(n) => <p class="hint">{n}</p>}</For>
          </>
        )}
      </Show>
    </section>
  );
}
