// Evaluate page: choose a model (an OpenAI-compatible endpoint or a model run in this browser), environments and
// task ids, then start a run. A '#/evaluate?model=…&revision=…' link (the Validator page's) prefills the model.
// UI realm.
import { For, Show, createSignal } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { ENVIRONMENTS } from '../../envs/index.ts';
import { validateOpenAIConfig } from '../shared/backend/openai.ts';
import {
  parseIdSpec,
  randomIdSpec,
  type DatasetSpec,
  type IdSpec,
  type ModelSpec,
  type RunConfig,
} from '../shared/eval/run-config.ts';
import { needsDataset } from '../state/context-factory.ts';
import { DatasetFields } from './DatasetFields.tsx';
import { requestPersistence } from '../storage/db.ts';
import { saveModel } from '../storage/models.ts';
import { useApp } from '../app/context.tsx';
import { navigate, parseRoute } from '../app/route.ts';
import { BrowserModelFields, browserSpec, defaultBrowserForm } from './BrowserModelFields.tsx';
import { EndpointFields, type EndpointForm } from './EndpointFields.tsx';
import { NumberField, Radio, TextField } from './fields.tsx';

/** The built-in demo endpoint served by `npm start`: a local heuristic SAT solver, not a language model. */
export const DEMO_BASE_URL = () => `${location.origin}/demo/v1`;

export function EvaluatePage() {
  const app = useApp();
  // Read once: the page is created anew when a link brings the user here from another page.
  const linked = parseRoute(location.hash);
  const prefill: { model?: string; revision?: string } = linked.page === 'evaluate' ? linked : {};
  const [kind, setKind] = createSignal<ModelSpec['kind']>('openai');
  const [endpoint, setEndpoint] = createStore<EndpointForm>({
    baseUrl: DEMO_BASE_URL(),
    model: prefill.model ?? 'solver',
    revision: prefill.revision ?? '',
    apiKey: '',
    rememberKey: false,
  });
  const [browser, setBrowser] = createStore(defaultBrowserForm());
  const [envs, setEnvs] = createSignal<string[]>(['sat']);
  const [idMode, setIdMode] = createSignal<'ids' | 'random'>('ids');
  const [ids, setIds] = createSignal('0-99');
  const [randomN, setRandomN] = createSignal(100);
  const [randomSeed, setRandomSeed] = createSignal(0);
  const [concurrency, setConcurrency] = createSignal(8);
  const [maxTokens, setMaxTokens] = createSignal('');
  const [timeoutS, setTimeoutS] = createSignal(600);
  const [error, setError] = createSignal<string | null>(null);
  const [dataset, setDataset] = createSignal<DatasetSpec>({ kind: 'generated', seed: 0, size: 10_000 });

  const toggleEnv = (id: string, on: boolean) =>
    setEnvs((l) => (on ? [...new Set([...l, id])] : l.filter((x) => x !== id)));

  function modelSpec(): ModelSpec {
    if (kind() === 'browser') return browserSpec(browser);
    const problems = validateOpenAIConfig({ baseUrl: endpoint.baseUrl, model: endpoint.model });
    if (problems.length) throw new Error(problems.join(' '));
    return {
      kind: 'openai',
      baseUrl: endpoint.baseUrl.trim(),
      model: endpoint.model.trim(),
      revision: endpoint.revision.trim() || undefined,
    };
  }

  function buildConfig(): RunConfig {
    const model = modelSpec();
    if (envs().length === 0) throw new Error('Choose at least one environment.');
    const spec: IdSpec = idMode() === 'ids' ? parseIdSpec(ids()) : randomIdSpec(randomN(), randomSeed());
    const c = concurrency();
    if (!Number.isInteger(c) || c < 1 || c > 256) throw new Error('Concurrency must be a whole number from 1 to 256.');
    const mt = maxTokens().trim();
    if (mt && !/^[1-9]\d*$/.test(mt)) throw new Error('Max tokens must be empty (no cap) or a whole number ≥ 1.');
    if (!(timeoutS() > 0)) throw new Error('The per-request timeout must be more than 0 seconds.');
    return {
      model,
      dataset: needsDataset(envs()) ? dataset() : undefined,
      envs: envs(),
      ids: spec,
      concurrency: c,
      maxTokens: mt ? Number(mt) : undefined,
      timeoutMs: Math.round(timeoutS() * 1000),
    };
  }

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    try {
      const config = buildConfig();
      void requestPersistence().catch(() => false);
      const key = endpoint.apiKey.trim() || undefined;
      if (config.model.kind === 'openai') {
        if (key) app.keys.set(config.model.baseUrl, key);
        const { kind: _k, ...m } = config.model;
        await saveModel({ kind: 'openai', ...m, apiKey: endpoint.rememberKey ? key : undefined }).catch(
          () => undefined,
        );
      }
      // unwrap: the files go to the worker by structured clone, which store proxies do not survive.
      const id = await app.runs.start(config, { apiKey: key, folderFiles: unwrap(browser).folder?.files });
      navigate({ page: 'run', id });
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form class="panel" onSubmit={onSubmit} aria-labelledby="eval-title">
      <h2 id="eval-title">Evaluate a model</h2>
      <fieldset>
        <legend>Model</legend>
        <Show when={prefill.model}>
          <p class="hint" data-testid="model-prefilled">
            Model {prefill.model} filled in from the link: set the endpoint that serves it.
          </p>
        </Show>
        <div role="radiogroup" aria-label="Where the model runs">
          <Radio name="modelKind" checked={kind() === 'openai'} onSelect={() => setKind('openai')}>
            OpenAI-compatible endpoint
          </Radio>
          <Radio name="modelKind" checked={kind() === 'browser'} onSelect={() => setKind('browser')}>
            In this browser (WebGPU / WASM)
          </Radio>
        </div>
        <Show
          when={kind() === 'openai'}
          fallback={<BrowserModelFields form={browser} set={(k, v) => setBrowser(k, v)} />}
        >
          <EndpointFields form={endpoint} set={(k, v) => setEndpoint(k, v)} />
        </Show>
      </fieldset>
      <fieldset>
        <legend>Environments</legend>
        <For each={ENVIRONMENTS}>
          {(env) => (
            <label class="inline">
              <input
                type="checkbox"
                name={`env-${env.id}`}
                checked={envs().includes(env.id)}
                onChange={(e) => toggleEnv(env.id, e.currentTarget.checked)}
              />{' '}
              {env.label} <code>{env.name}</code>
            </label>
          )}
        </For>
      </fieldset>
      <Show when={needsDataset(envs())}>
        <DatasetFields value={dataset()} onValue={setDataset} />
      </Show>
      <fieldset>
        <legend>Task ids</legend>
        <Radio name="idMode" checked={idMode() === 'ids'} onSelect={() => setIdMode('ids')}>
          Range or list
        </Radio>
        <Radio name="idMode" checked={idMode() === 'random'} onSelect={() => setIdMode('random')}>
          N seeded random ids
        </Radio>
        <Show
          when={idMode() === 'ids'}
          fallback={
            <div class="row">
              <NumberField label="N" name="randomN" min={1} value={randomN()} onValue={setRandomN} />
              <NumberField label="Seed" name="randomSeed" min={0} value={randomSeed()} onValue={setRandomSeed} />
            </div>
          }
        >
          <TextField label="Ids" name="ids" placeholder="0-99 or 0,5,9" value={ids()} onValue={setIds} />
        </Show>
      </fieldset>
      <Show when={kind() === 'openai'}>
        <fieldset class="row">
          <legend>Limits</legend>
          <NumberField
            label="Concurrency"
            name="concurrency"
            min={1}
            max={256}
            value={concurrency()}
            onValue={setConcurrency}
          />
          <TextField
            label="Max tokens"
            name="maxTokens"
            inputmode="numeric"
            placeholder="no cap"
            value={maxTokens()}
            onValue={setMaxTokens}
          />
          <NumberField label="Timeout (s)" name="timeout" min={1} value={timeoutS()} onValue={setTimeoutS} />
        </fieldset>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert" data-testid="form-error">
          {error()}
        </p>
      </Show>
      <button type="submit" class="primary" disabled={app.runs.active()}>
        {app.runs.active() ? 'A run is active' : 'Start'}
      </button>
    </form>
  );
}
