// Per-environment results: n, mean and the 95% Wilson interval. UI realm.
import { For, Show } from 'solid-js';
import type { EnvSummary } from '../shared/eval/summary.ts';

export function ResultsTable(props: { rows: EnvSummary[] }) {
  return (
    <Show when={props.rows.length > 0}>
      <table class="results" data-testid="results">
        <caption>Results</caption>
        <thead>
          <tr>
            <th scope="col">Environment</th>
            <th scope="col">n</th>
            <th scope="col">Mean</th>
            <th scope="col">95% interval</th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(r) => (
              <tr>
                <th scope="row">{r.env}</th>
                <td>{r.n}</td>
                <td>{r.mean.toFixed(4)}</td>
                <td>
                  [{r.lo.toFixed(4)}, {r.hi.toFixed(4)}]
                </td>
                <td>{r.errors}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
