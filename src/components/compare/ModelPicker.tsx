// Choosing what to compare: stored runs (checkboxes), JSONL sample files, Affine's published documents (files or
// the public API), and the order of the chosen models (first = champion). UI realm.
import { For, Show, createResource, createSignal } from 'solid-js';
import { listRuns } from '../../storage/runs.ts';
import { countSamples } from '../../storage/samples.ts';
import { modelName } from '../../shared/eval/run-config.ts';
import type { RunRecord } from '../../storage/schema.ts';
import type { CompareApi } from './compare-state.ts';
import { kindLabel } from './model.ts';
import { DEFAULT_AFFINE_API } from './affine-load.ts';

async function loadRunList() {
  const runs = await listRuns();
  return Promise.all(runs.map(async (run) => ({ run, done: await countSamples(run.id) })));
}

export function ModelPicker(props: { api: CompareApi }) {
  const api = () => props.api;
  const [runs] = createResource(loadRunList);
  const [apiUrl, setApiUrl] = createSignal(DEFAULT_AFFINE_API);
  const chosen = (id: string) =>
    api()
      .models()
      .some((m) => m.scores.id === id);

  function onRunToggle(run: RunRecord, on: boolean) {
    if (on) void api().addRun(run);
    else api().remove(run.id);
  }

  async function onFiles(e: Event & { currentTarget: HTMLInputElement }, kind: 'jsonl' | 'affine') {
    const files = [...(e.currentTarget.files ?? [])];
    e.currentTarget.value = '';
    if (files.length === 0) return;
    if (kind === 'jsonl') await api().addJsonlFiles(files);
    else await api().addAffineFiles(files);
  }

  return (
    <section class="panel compare-pick" aria-labelledby="pick-title">
      <h3 id="pick-title">1. What to compare</h3>
      <div class="row">
        <fieldset class="grow">
          <legend>Stored runs</legend>
          <Show when={runs.loading}>
            <p class="hint" role="status">
              Loading stored runs…
            </p>
          </Show>
          <Show when={runs.error}>
            <p class="error" role="alert">
              Could not read stored runs: {(runs.error as Error).message}
            </p>
          </Show>
          <Show when={runs()?.length === 0}>
            <p class="hint">No stored runs. Run an evaluation, or import a JSONL file below.</p>
          </Show>
          <ul class="plain" data-testid="compare-runs">
            <For each={runs()}>
              {({ run, done }) => (
                <li>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen(run.id)}
                      disabled={done === 0}
                      onChange={(e) => onRunToggle(run, e.currentTarget.checked)}
                    />{' '}
                    <strong>{modelName(run.config.model)}</strong> <code>{run.id}</code>{' '}
                    <span class="meta">
                      {run.config.envs.join(', ')} · {done} samples · {run.status}
                    </span>
                  </label>
                </li>
              )}
            </For>
          </ul>
        </fieldset>
        <fieldset class="grow">
          <legend>Files and Affine's published data</legend>
          <label>
            JSONL samples (Affine sample format, one or more models){' '}
            <input
              type="file"
              multiple
              accept=".jsonl,.ndjson,.json,application/x-ndjson"
              onChange={(e) => onFiles(e, 'jsonl')}
              data-testid="compare-import-jsonl"
            />
          </label>
          <label>
            Affine documents (JSON of /scores/latest, /rank/current, /scores/weights/latest){' '}
            <input
              type="file"
              multiple
              accept=".json,application/json"
              onChange={(e) => onFiles(e, 'affine')}
              data-testid="compare-import-affine"
            />
          </label>
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void api().fetchAffine(apiUrl());
            }}
          >
            <label>
              Affine API base URL{' '}
              <input name="affine-api" type="url" value={apiUrl()} onInput={(e) => setApiUrl(e.currentTarget.value)} />
            </label>
            <button type="submit" disabled={!!api().busy()}>
              Fetch published scores
            </button>
          </form>
        </fieldset>
      </div>
      <Show when={api().models().length > 0}>
        <ol class="model-order" aria-label="Models in commitment order" data-testid="model-order">
          <For each={api().models()}>
            {(m, i) => (
              <li data-model-id={m.scores.id}>
                <span class="model-name">{m.scores.label}</span>{' '}
                <span class={`tag ${m.kind}`}>{kindLabel[m.kind]}</span>
                <Show when={i() === 0}>
                  {' '}
                  <span class="tag champion">champion / earliest</span>
                </Show>
                <span class="order-actions">
                  <button
                    type="button"
                    aria-label={`Move ${m.scores.label} up`}
                    disabled={i() === 0}
                    onClick={() => api().move(i(), -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${m.scores.label} down`}
                    disabled={i() === api().models().length - 1}
                    onClick={() => api().move(i(), 1)}
                  >
                    ↓
                  </button>
                  <button type="button" disabled={i() === 0} onClick={() => api().makeChampion(m.scores.id)}>
                    Make champion<span class="sr-only"> {m.scores.label}</span>
                  </button>
                  <button type="button" onClick={() => api().remove(m.scores.id)}>
                    Remove<span class="sr-only"> {m.scores.label}</span>
                  </button>
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
