// Compare page: choose models (stored runs, JSONL files, Affine's published data), read the per-env table, the
// rule's verdict step by step, the plots and the leaderboard, and export it all. UI realm.
import { Show } from 'solid-js';
import './compare.css';
import { download } from '../download.ts';
import { createCompare } from './compare-state.ts';
import { EnvTable } from './EnvTable.tsx';
import { comparisonCsv, comparisonJson } from './export.ts';
import { Leaderboard } from './Leaderboard.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { Plots } from './Plots.tsx';
import { VerdictView } from './VerdictView.tsx';

export function ComparePage() {
  const api = createCompare();
  const stamp = () => new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');

  function onJson() {
    const v = api.verdict().verdict;
    download(
      comparisonJson({
        models: api.models(),
        rows: api.rows(),
        rule: api.rule(),
        options: { ...api.options[api.rule()] },
        verdict: v,
        leaderboard: api.leaderboard().rows,
      }),
      `comparison-${stamp()}.json`,
    );
  }

  function onCsv() {
    download(comparisonCsv(api.rows(), api.verdict().verdict?.weights), `comparison-${stamp()}.csv`);
  }

  return (
    <div class="compare" aria-busy={api.busy() ? 'true' : 'false'}>
      <h2>Compare models</h2>
      <p class="hint">
        The first model in the list is the champion (the earliest commitment); the rules read the list in order.
      </p>
      <Show when={api.busy()}>
        <p class="busy" role="status" data-testid="compare-busy">
          <span class="spinner" aria-hidden="true" /> {api.busy()}
        </p>
      </Show>
      <Show when={api.message()}>
        {(m) => (
          <p class={m().kind} role={m().kind === 'error' ? 'alert' : 'status'} data-testid="compare-message">
            {m().text}
          </p>
        )}
      </Show>
      <ModelPicker api={api} />
      <Show when={api.models().length > 0}>
        <EnvTable api={api} />
        <VerdictView api={api} />
        <Plots api={api} />
        <Leaderboard api={api} />
        <section class="panel" aria-labelledby="export-title">
          <h3 id="export-title">6. Export</h3>
          <div class="actions">
            <button type="button" onClick={onJson}>
              Export JSON
            </button>
            <button type="button" onClick={onCsv}>
              Export CSV
            </button>
            <span class="hint">Each plot has its own “Save PNG” button.</span>
          </div>
        </section>
      </Show>
    </div>
  );
}
