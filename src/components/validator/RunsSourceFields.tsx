// The "From stored runs" fields of the weights step: tick stored runs (first = champion), pick the rule and its
// options, give each model its UID (prefilled from a matching commitment), and read the verdict in one sentence.
// UI realm.
import { For, Show } from 'solid-js';
import { modelName, modelRevision } from '../../shared/eval/run-config.ts';
import { RULE_LABELS } from '../compare/judge.ts';
import { shortKey } from './MetagraphPanel.tsx';
import type { RunsSource } from './runs-source.ts';
import type { WeightsRule } from './runs-weights.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';

const RULES: WeightsRule[] = ['champion', 'stages'];

function RunList(props: { runs: RunsSource }) {
  const r = () => props.runs;
  return (
    <fieldset>
      <legend>Stored runs (each run is one model; the first ticked is the champion)</legend>
      <Show when={r().runList.loading}>
        <p class="hint" role="status">
          Loading stored runs…
        </p>
      </Show>
      <Show when={r().runList.error}>
        <p class="error" role="alert">
          Could not read stored runs: {(r().runList.error as Error).message}
        </p>
      </Show>
      <Show when={r().runList()?.length === 0}>
        <p class="hint">No stored runs: evaluate models first, or import JSONL files on the Runs page.</p>
      </Show>
      <ul class="plain" data-testid="weights-runs">
        <For each={r().runList()}>
          {({ run, done }) => (
            <li>
              <label>
                <input
                  type="checkbox"
                  checked={r().chosen(run.id)}
                  disabled={done === 0}
                  onChange={(e) => r().toggle(run, e.currentTarget.checked)}
                />{' '}
                <strong>{modelName(run.config.model)}</strong>
                <Show when={modelRevision(run.config.model)}>{(rev) => <>@{rev().slice(0, 8)}</>}</Show>{' '}
                <code>{run.id}</code> ({done} samples)
              </label>
            </li>
          )}
        </For>
      </ul>
      <button type="button" onClick={() => r().reloadRuns()}>
        Reload run list
      </button>
      <Show when={r().loading()}>
        <p class="hint" role="status">
          {r().loading()}
        </p>
      </Show>
      <ErrorAlert message={r().loadError()} />
    </fieldset>
  );
}

function ModelUids(props: { runs: RunsSource }) {
  const r = () => props.runs;
  return (
    <table data-testid="weights-models">
      <caption class="visually-hidden">Chosen models in order, with their UIDs</caption>
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col">Model</th>
          <th scope="col">UID</th>
          <th scope="col">Commitment</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={r().models()}>
          {(m, i) => {
            const miner = () => r().prefill().get(m.scores.id) ?? null;
            return (
              <tr data-model-id={m.scores.id}>
                <td>{i() === 0 ? 'champion' : 'challenger'}</td>
                <td>{m.scores.label}</td>
                <td>
                  <label>
                    <span class="visually-hidden">UID of {m.scores.label}</span>
                    <input
                      type="text"
                      inputmode="numeric"
                      size="6"
                      value={r().uidText(m.scores.id)}
                      onInput={(e) => r().setUid(m.scores.id, e.currentTarget.value)}
                    />
                  </label>
                </td>
                <td data-testid="model-commitment">
                  <Show when={miner()} fallback="no matching commitment on this subnet">
                    {(c) => (
                      <>
                        UID {c().uid} (<span title={c().commitment.hotkey}>{shortKey(c().commitment.hotkey)}</span>) at
                        block {c().commitment.block}
                        {c().commitment.problem ? `, ${c().commitment.problem}` : ''}
                      </>
                    )}
                  </Show>
                </td>
                <td>
                  <button type="button" disabled={i() === 0} onClick={() => r().makeChampion(m.scores.id)}>
                    Make champion<span class="visually-hidden"> {m.scores.label}</span>
                  </button>
                </td>
              </tr>
            );
          }}
        </For>
      </tbody>
    </table>
  );
}

function RuleFields(props: { runs: RunsSource }) {
  const r = () => props.runs;
  return (
    <>
      <fieldset>
        <legend>Rule</legend>
        <For each={RULES}>
          {(rule) => (
            <label class="inline">
              <input
                type="radio"
                name="weights-rule"
                value={rule}
                checked={r().rule() === rule}
                onChange={() => r().setRule(rule)}
              />{' '}
              {RULE_LABELS[rule]}
            </label>
          )}
        </For>
      </fieldset>
      <fieldset class="actions">
        <legend>Options</legend>
        <For each={r().optionSpecs()}>
          {(o) => (
            <label class="inline" title={o.hint}>
              {o.label}{' '}
              <input
                type="number"
                min={o.min}
                max={o.max}
                step={o.step}
                value={r().options[r().rule()][o.key] ?? o.def}
                onInput={(e) => r().setOption(o.key, e.currentTarget.valueAsNumber)}
              />
            </label>
          )}
        </For>
      </fieldset>
    </>
  );
}

export function RunsSourceFields(props: { runs: RunsSource }) {
  const r = () => props.runs;
  return (
    <div class="runs-source">
      <RunList runs={r()} />
      <Show when={r().models().length > 0}>
        <ModelUids runs={r()} />
      </Show>
      <RuleFields runs={r()} />
      <Show when={r().verdict().verdict}>{(v) => <p data-testid="runs-verdict">Verdict: {v().summary}</p>}</Show>
    </div>
  );
}
