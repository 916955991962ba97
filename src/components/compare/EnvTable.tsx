// Per-environment table: for each env and model, n, mean and the 95% interval, and how it compares with the
// champion (the first model). UI realm.
import { For, Show } from 'solid-js';
import type { CompareApi } from './compare-state.ts';
import { fmt, type EnvRow } from './rows.ts';

const METHOD: Record<string, string> = { wilson: 'Wilson', jeffreys: 'Jeffreys', bootstrap: 'bootstrap' };

/** The row's difference from the champion's mean on the same env, and whether the intervals overlap. */
function versus(r: EnvRow, champ: EnvRow | undefined): string {
  if (!champ || champ.modelId === r.modelId) return champ ? 'champion' : '–';
  const d = r.mean - champ.mean;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const apart =
    r.lo !== null && r.hi !== null && champ.lo !== null && champ.hi !== null
      ? r.lo > champ.hi
        ? ', intervals apart (higher)'
        : r.hi < champ.lo
          ? ', intervals apart (lower)'
          : ', intervals overlap'
      : '';
  return `${sign}${Math.abs(d).toFixed(4)}${apart}`;
}

export function EnvTable(props: { api: CompareApi }) {
  const envs = () => [...new Set(props.api.rows().map((r) => r.env))];
  const rowsOf = (env: string) => props.api.rows().filter((r) => r.env === env);
  const champId = () => props.api.models()[0]?.scores.id;
  return (
    <section class="panel" aria-labelledby="env-title">
      <h3 id="env-title">2. Per environment</h3>
      <label class="inline">
        Interval for 0/1 scores{' '}
        <select
          name="interval"
          value={props.api.binary()}
          onChange={(e) => props.api.setBinary(e.currentTarget.value as 'wilson' | 'jeffreys')}
        >
          <option value="wilson">Wilson (95%)</option>
          <option value="jeffreys">Jeffreys, Beta(½, ½) (95%)</option>
        </select>
      </label>
      <span class="hint">
        Other scores get a percentile bootstrap (10,000 resamples)
        <Show when={props.api.bootstrapWhere() && props.api.bootstrapWhere() !== 'none'}>
          {' '}
          — computed on: {props.api.bootstrapWhere()}
        </Show>
        .
      </span>
      <Show when={props.api.bootstrapping()}>
        <p class="hint" role="status">
          Computing bootstrap intervals…
        </p>
      </Show>
      <table class="env-table" data-testid="env-table">
        <caption class="sr-only">n, mean and 95% interval per environment and model</caption>
        <thead>
          <tr>
            <th scope="col">Environment</th>
            <th scope="col">Model</th>
            <th scope="col">n</th>
            <th scope="col">Mean</th>
            <th scope="col">95% interval</th>
            <th scope="col">vs champion</th>
          </tr>
        </thead>
        <tbody>
          <For each={envs()}>
            {(env) => (
              <For each={rowsOf(env)}>
                {(r, i) => (
                  <tr data-env={r.env} data-model-id={r.modelId}>
                    <Show when={i() === 0}>
                      <th scope="rowgroup" rowSpan={rowsOf(env).length}>
                        {env}
                      </th>
                    </Show>
                    <td class="model">
                      {r.label} <span class="meta">({r.source})</span>
                    </td>
                    <td class="num">{r.n}</td>
                    <td class="num">{fmt(r.mean)}</td>
                    <td class="num">
                      {r.lo === null ? (r.method === 'bootstrap' ? 'computing…' : '–') : `[${fmt(r.lo)}, ${fmt(r.hi)}]`}{' '}
                      <span class="meta">{r.method ? METHOD[r.method] : ''}</span>
                    </td>
                    <td>
                      {versus(
                        r,
                        rowsOf(env).find((x) => x.modelId === champId()),
                      )}
                    </td>
                  </tr>
                )}
              </For>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
