// Form fields for a model behind an OpenAI-compatible endpoint, with saved endpoints. UI realm.
import { For, Show, createSignal, onMount } from 'solid-js';
import { listModels } from '../storage/models.ts';
import type { ModelRecord } from '../storage/schema.ts';
import { TextField } from './fields.tsx';

export interface EndpointForm {
  baseUrl: string;
  model: string;
  revision: string;
  apiKey: string;
  rememberKey: boolean;
}

export function EndpointFields(props: {
  form: EndpointForm;
  set: <K extends keyof EndpointForm>(k: K, v: EndpointForm[K]) => void;
}) {
  const [saved, setSaved] = createSignal<ModelRecord[]>([]);
  onMount(() => void listModels().then(setSaved, () => undefined));
  const pick = (m: ModelRecord) => {
    props.set('baseUrl', m.baseUrl);
    props.set('model', m.model);
    props.set('revision', m.revision ?? '');
    if (m.apiKey) props.set('apiKey', m.apiKey);
  };
  return (
    <>
      <p class="hint">
        The default is Arbiter's built-in demo endpoint: a local SAT solver standing in for a model, so everything works
        offline. Point it at vLLM, sglang or Chutes to evaluate a real model.
      </p>
      <Show when={saved().length > 0}>
        <label>
          Saved endpoints{' '}
          <select
            onChange={(e) => {
              const m = saved()[Number(e.currentTarget.value)];
              if (m) pick(m);
            }}
          >
            <option value="">choose…</option>
            <For each={saved()}>{(m, i) => <option value={i()}>{`${m.model} @ ${m.baseUrl}`}</option>}</For>
          </select>
        </label>
      </Show>
      <TextField
        label="Base URL"
        name="baseUrl"
        type="url"
        required
        value={props.form.baseUrl}
        onValue={(v) => props.set('baseUrl', v)}
      />
      <TextField
        label="Model name"
        name="model"
        required
        value={props.form.model}
        onValue={(v) => props.set('model', v)}
      />
      <TextField
        label="Revision"
        name="revision"
        placeholder="optional"
        value={props.form.revision}
        onValue={(v) => props.set('revision', v)}
      />
      <TextField
        label="API key"
        name="apiKey"
        type="password"
        placeholder="optional"
        value={props.form.apiKey}
        onValue={(v) => props.set('apiKey', v)}
      />
      <label class="inline">
        <input
          type="checkbox"
          checked={props.form.rememberKey}
          onChange={(e) => props.set('rememberKey', e.currentTarget.checked)}
        />{' '}
        Remember the key in this browser (otherwise it stays in memory only)
      </label>
    </>
  );
}
