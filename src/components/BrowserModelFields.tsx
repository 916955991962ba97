// Form fields for a model run in this browser: source (bundled test model, Hub, URL, folder), device, dtype,
// batch size and token cap. UI realm.
import { For, Show, onMount } from 'solid-js';
import { BUNDLED_MODEL_ID, HUB_MODELS, folderFiles, hubReachable } from '../models/catalog.ts';
import type { BrowserModelSpec } from '../shared/eval/run-config.ts';
import { NumberField, Radio, SelectField, TextField } from './fields.tsx';

export interface BrowserForm {
  sourceKind: 'bundled' | 'hub' | 'url' | 'folder';
  hubId: string;
  hubRevision: string;
  url: string;
  folder: { name: string; files: Record<string, Blob> } | null;
  device: BrowserModelSpec['device'];
  dtype: BrowserModelSpec['dtype'];
  batch: number;
  maxNewTokens: number;
  /** Set when the Hub was unreachable and the bundled model was chosen instead. */
  offline: boolean;
}

export const defaultBrowserForm = (): BrowserForm => ({
  sourceKind: 'bundled',
  hubId: HUB_MODELS[0].id,
  hubRevision: '',
  url: '',
  folder: null,
  device: 'auto',
  dtype: 'auto',
  batch: 4,
  maxNewTokens: 64,
  offline: false,
});

const DEVICES = [
  { value: 'auto', label: 'auto (WebGPU if available)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WASM (CPU)' },
] as const;
const DTYPES = [
  { value: 'auto', label: 'auto (from the device)' },
  { value: 'fp32', label: 'fp32' },
  { value: 'q4', label: 'q4' },
  { value: 'q8', label: 'q8' },
  { value: 'fp16', label: 'fp16 (needs shader-f16)' },
  { value: 'q4f16', label: 'q4f16 (needs shader-f16)' },
] as const;

export function BrowserModelFields(props: {
  form: BrowserForm;
  set: <K extends keyof BrowserForm>(k: K, v: BrowserForm[K]) => void;
}) {
  onMount(() => {
    // Offer a real model when the Hub is reachable; offline, keep the bundled test model.
    void hubReachable().then((ok) => {
      if (ok && props.form.sourceKind === 'bundled') props.set('sourceKind', 'hub');
      props.set('offline', !ok);
    });
  });
  return (
    <>
      <div role="radiogroup" aria-label="Model source">
        <Radio
          name="source"
          checked={props.form.sourceKind === 'bundled'}
          onSelect={() => props.set('sourceKind', 'bundled')}
        >
          Tiny test model <em>(bundled, random weights: checks the pipeline, not a real model)</em>
        </Radio>
        <Radio name="source" checked={props.form.sourceKind === 'hub'} onSelect={() => props.set('sourceKind', 'hub')}>
          Hugging Face model
        </Radio>
        <Radio name="source" checked={props.form.sourceKind === 'url'} onSelect={() => props.set('sourceKind', 'url')}>
          Model folder URL
        </Radio>
        <Radio
          name="source"
          checked={props.form.sourceKind === 'folder'}
          onSelect={() => props.set('sourceKind', 'folder')}
        >
          Folder on this computer
        </Radio>
      </div>
      <Show when={props.form.offline && props.form.sourceKind === 'bundled'}>
        <p class="hint" data-testid="offline-hint">
          The Hugging Face Hub is unreachable (offline?), so the bundled test model <code>{BUNDLED_MODEL_ID}</code> is
          selected.
        </p>
      </Show>
      <Show when={props.form.sourceKind === 'hub'}>
        <TextField
          label="Model id"
          name="hubId"
          list="hub-models"
          value={props.form.hubId}
          onValue={(v) => props.set('hubId', v)}
        />
        <datalist id="hub-models">
          <For each={HUB_MODELS}>{(m) => <option value={m.id}>{m.label}</option>}</For>
        </datalist>
        <TextField
          label="Revision"
          name="hubRevision"
          placeholder="main"
          value={props.form.hubRevision}
          onValue={(v) => props.set('hubRevision', v)}
        />
      </Show>
      <Show when={props.form.sourceKind === 'url'}>
        <TextField
          label="Folder URL"
          name="modelUrl"
          type="url"
          placeholder="https://…/my-model/"
          value={props.form.url}
          onValue={(v) => props.set('url', v)}
        />
      </Show>
      <Show when={props.form.sourceKind === 'folder'}>
        <label>
          Model folder{' '}
          <input
            type="file"
            name="modelFolder"
            {...({ webkitdirectory: true } as Record<string, unknown>)}
            onChange={(e) =>
              props.set('folder', e.currentTarget.files?.length ? folderFiles(e.currentTarget.files) : null)
            }
          />
        </label>
      </Show>
      <div class="row">
        <SelectField
          label="Device"
          name="device"
          value={props.form.device}
          options={DEVICES}
          onValue={(v) => props.set('device', v)}
        />
        <SelectField
          label="dtype"
          name="dtype"
          value={props.form.dtype}
          options={DTYPES}
          onValue={(v) => props.set('dtype', v)}
        />
        <NumberField
          label="Batch size"
          name="batch"
          min={1}
          max={64}
          value={props.form.batch}
          onValue={(v) => props.set('batch', v)}
        />
        <NumberField
          label="Max new tokens"
          name="maxNewTokens"
          min={1}
          max={32768}
          value={props.form.maxNewTokens}
          onValue={(v) => props.set('maxNewTokens', v)}
        />
      </div>
    </>
  );
}

/** The spec for the form, or a message saying what is missing. */
export function browserSpec(f: BrowserForm): BrowserModelSpec {
  if (!Number.isInteger(f.batch) || f.batch < 1 || f.batch > 64)
    throw new Error('Batch size must be a whole number from 1 to 64.');
  if (!Number.isInteger(f.maxNewTokens) || f.maxNewTokens < 1)
    throw new Error('Max new tokens must be a whole number ≥ 1.');
  const base = {
    kind: 'browser' as const,
    device: f.device,
    dtype: f.dtype,
    batch: f.batch,
    maxNewTokens: f.maxNewTokens,
  };
  switch (f.sourceKind) {
    case 'bundled':
      return { ...base, source: { kind: 'bundled', id: BUNDLED_MODEL_ID } };
    case 'hub': {
      const id = f.hubId.trim();
      if (!/^[\w.-]+\/[\w.-]+$/.test(id)) throw new Error(`"${id}" is not a Hugging Face model id (owner/name).`);
      return { ...base, source: { kind: 'hub', id, revision: f.hubRevision.trim() || undefined } };
    }
    case 'url': {
      let u: URL;
      try {
        u = new URL(f.url.trim());
      } catch {
        throw new Error(
          `"${f.url}" is not a URL: give the full address of the model folder, starting with http(s)://.`,
        );
      }
      return { ...base, source: { kind: 'url', url: u.href } };
    }
    case 'folder':
      if (!f.folder) throw new Error('Pick a model folder first.');
      return { ...base, source: { kind: 'folder', name: f.folder.name } };
  }
}
