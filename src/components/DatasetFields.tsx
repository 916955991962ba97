// The program dataset for ABD, DED and PRINT: the offline generator, a stored dataset, a file to import (JSONL or
// Parquet in the rl-python schema), or AffineFoundation/rl-python downloaded from the Hub. UI realm.
import { For, Show, createSignal, onMount } from 'solid-js';
import { downloadHubDataset, RL_PYTHON } from '../datasets/hub-loader.ts';
import { parseJsonlRows, parseParquetRows } from '../shared/datasets/index.ts';
import type { DatasetSpec } from '../shared/eval/run-config.ts';
import { listDatasets, saveDataset } from '../storage/datasets.ts';
import type { DatasetRecord } from '../storage/schema.ts';
import { NumberField, Radio } from './fields.tsx';

export function DatasetFields(props: { value: DatasetSpec; onValue: (d: DatasetSpec) => void }) {
  const [stored, setStored] = createSignal<DatasetRecord[]>([]);
  const [message, setMessage] = createSignal<{ kind: 'ok' | 'error' | 'busy'; text: string } | null>(null);
  const refresh = () => listDatasets().then(setStored, () => undefined);
  onMount(() => void refresh());

  const useStored = (d: DatasetRecord) => props.onValue({ kind: 'stored', id: d.id, name: d.name });

  async function onFile(e: Event & { currentTarget: HTMLInputElement }) {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = '';
    if (!file) return;
    setMessage({ kind: 'busy', text: `Reading ${file.name}…` });
    try {
      const rows = /\.parquet$/i.test(file.name)
        ? await parseParquetRows(await file.arrayBuffer())
        : parseJsonlRows(await file.text());
      const rec = await saveDataset(file.name, `file:${file.name}`, rows);
      await refresh();
      useStored(rec);
      setMessage({ kind: 'ok', text: `Imported ${rows.length} rows from ${file.name}.` });
    } catch (err) {
      setMessage({
        kind: 'error',
        text: `Could not import ${file.name}: ${(err as Error).message} Nothing was stored.`,
      });
    }
  }

  async function onDownload() {
    setMessage({ kind: 'busy', text: `Listing ${RL_PYTHON}…` });
    try {
      const rows = await downloadHubDataset({
        onProgress: (p) =>
          setMessage({ kind: 'busy', text: `Downloading ${p.file} (${p.index}/${p.files}, ${p.rows} rows)…` }),
      });
      const rec = await saveDataset(RL_PYTHON, `hub:${RL_PYTHON}@main`, rows);
      await refresh();
      useStored(rec);
      setMessage({
        kind: 'ok',
        text: `Downloaded ${rows.length} rows of ${RL_PYTHON}; they are kept in this browser.`,
      });
    } catch (err) {
      setMessage({ kind: 'error', text: (err as Error).message });
    }
  }

  return (
    <fieldset>
      <legend>Program dataset (ABD, DED, PRINT)</legend>
      <Radio
        name="datasetKind"
        checked={props.value.kind === 'generated'}
        onSelect={() => props.onValue({ kind: 'generated', seed: 0, size: 10_000 })}
      >
        Offline generator: fresh programs, never published
      </Radio>
      <Radio
        name="datasetKind"
        checked={props.value.kind === 'stored'}
        onSelect={() => {
          const first = stored()[0];
          if (first) useStored(first);
          else setMessage({ kind: 'error', text: 'No dataset is stored yet: import a file or download one.' });
        }}
      >
        Stored dataset
      </Radio>
      <Show when={props.value.kind === 'generated' ? props.value : null}>
        {(g) => (
          <div class="row">
            <NumberField
              label="Generator seed"
              name="genSeed"
              min={0}
              value={g().seed}
              onValue={(seed) => props.onValue({ ...g(), seed })}
            />
            <NumberField
              label="Rows"
              name="genSize"
              min={1}
              value={g().size}
              onValue={(size) => props.onValue({ ...g(), size })}
            />
          </div>
        )}
      </Show>
      <Show when={props.value.kind === 'stored'}>
        <label>
          Dataset{' '}
          <select
            name="dataset"
            aria-label="Dataset"
            value={props.value.kind === 'stored' ? props.value.id : ''}
            onChange={(e) => {
              const d = stored().find((x) => x.id === e.currentTarget.value);
              if (d) useStored(d);
            }}
          >
            <For each={stored()}>{(d) => <option value={d.id}>{`${d.name} (${d.length} rows)`}</option>}</For>
          </select>
        </label>
      </Show>
      <div class="row">
        <label>
          Import JSONL or Parquet{' '}
          <input type="file" name="datasetFile" accept=".jsonl,.json,.ndjson,.parquet" onChange={onFile} />
        </label>
        <button type="button" onClick={onDownload}>
          Download {RL_PYTHON}
        </button>
      </div>
      <Show when={message()}>
        {(m) => (
          <p
            class={m().kind === 'error' ? 'error' : 'hint'}
            role={m().kind === 'error' ? 'alert' : 'status'}
            data-testid="dataset-message"
          >
            {m().text}
          </p>
        )}
      </Show>
    </fieldset>
  );
}
