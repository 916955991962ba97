// Evaluate page: choose a model endpoint, environments and task ids, then start a run. UI realm.
import { For, Show, createSignal, onMount } from 'solid-js';
import { ENVIRONMENTS } from '../../envs/index.ts';
import { validateOpenAIConfig } from '../shared/backend/openai.ts';
import { parseIdSpec, randomIdSpec, type IdSpec, type RunConfig } from '../shared/eval/run-config.ts';
import { requestPersistence } from '../storage/db.ts';
import { listModels, saveModel } from '../storage/models.ts';
import type { ModelRecord } from '../storage/schema.ts';
import { useApp } from '../app/context.tsx';
import { navigate } from '../app/route.ts';

/** The built-in demo endpoint served by `npm start`: a local heuristic SAT solver, not a language model. */
export const DEMO_BASE_URL = () => `${location.origin}/demo/v1`;

type IdMode = 'ids' | 'random';

export function EvaluatePage() {
  const app = useApp();
  const [baseUrl, setBaseUrl] = createSignal(DEMO_BASE_URL());
  const [model, setModel] = createSignal('solver');
  const [revision, setRevision] = createSignal('');
  const [apiKey, setApiKey] = createSignal('');
  const [rememberKey, setRememberKey] = createSignal(false);
  const [envs, setEnvs] = createSignal<string[]>(['sat']);
  const [idMode, setIdMode] = createSignal<IdMode>('ids');
  const [ids, setIds] = createSignal('0-99');
  const [randomN, setRandomN] = createSignal(100);
  const [randomSeed, setRandomSeed] = createSignal(0);
  const [concurrency, setConcurrency] = createSignal(8);
  const [maxTokens, setMaxTokens] = createSignal('');
  const [timeoutS, setTimeoutS] = createSignal(600);
  const [error, setError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal<ModelRecord[]>([]);

  onMount(() => void listModels().then(setSaved, () => undefined));

  const toggleEnv = (id: string, on: boolean) =>
    setEnvs((l) => (on ? [...new Set([...l, id])] : l.filter((x) => x !== id)));

  function buildConfig(): RunConfig {
    const problems = validateOpenAIConfig({ baseUrl: baseUrl(), model: model() });
    if (problems.length) throw new Error(problems.join(' '));
    if (envs().length === 0) throw new Error('Choose at least one environment.');
    const spec: IdSpec = idMode() === 'ids' ? parseIdSpec(ids()) : randomIdSpec(randomN(), randomSeed());
    const c = concurrency();
    if (!Number.isInteger(c) || c < 1 || c > 256) throw new Error('Concurrency must be a whole number from 1 to 256.');
    const mt = maxTokens().trim();
    if (mt && !/^[1-9]\d*$/.test(mt)) throw new Error('Max tokens must be empty (no cap) or a whole number ≥ 1.');
    if (!(timeoutS() > 0)) throw new Error('The per-request timeout must be more than 0 seconds.');
    return {
      model: {
        kind: 'openai',
        baseUrl: baseUrl().trim(),
        model: model().trim(),
        revision: revision().trim() || undefined,
      },
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
      const key = apiKey().trim() || undefined;
      if (key) app.keys.set(config.model.baseUrl, key);
      await saveModel({ ...config.model, apiKey: rememberKey() ? key : undefined }).catch(() => undefined);
      const id = await app.runs.start(config, key);
      navigate({ page: 'run', id });
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const pick = (m: ModelRecord) => {
    setBaseUrl(m.baseUrl);
    setModel(m.model);
    setRevision(m.revision ?? '');
    if (m.apiKey) setApiKey(m.apiKey);
  };

  return (
    <form class="panel" onSubmit={onSubmit} aria-labelledby="eval-title">
      <h2 id="eval-title">Evaluate a model</h2>
      <fieldset>
        <legend>Model (OpenAI-compatible endpoint)</legend>
        <p class="hint">
          The default is Arbiter's built-in demo endpoint: a local SAT solver standing in for a model, so everything
          works offline. Point it at vLLM, sglang or Chutes to evaluate a real model.
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
        <label>
          Base URL{' '}
          <input
            name="baseUrl"
            type="url"
            required
            value={baseUrl()}
            onInput={(e) => setBaseUrl(e.currentTarget.value)}
          />
        </label>
        <label>
          Model name <input name="model" required value={model()} onInput={(e) => setModel(e.currentTarget.value)} />
        </label>
        <label>
          Revision{' '}
          <input
            name="revision"
            placeholder="optional"
            value={revision()}
            onInput={(e) => setRevision(e.currentTarget.value)}
          />
        </label>
        <label>
          API key{' '}
          <input
            name="apiKey"
            type="password"
            autocomplete="off"
            placeholder="optional"
            value={apiKey()}
            onInput={(e) => setApiKey(e.currentTarget.value)}
          />
        </label>
        <label class="inline">
          <input type="checkbox" checked={rememberKey()} onChange={(e) => setRememberKey(e.currentTarget.checked)} />{' '}
          Remember the key in this browser (otherwise it stays in memory only)
        </label>
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
      <fieldset>
        <legend>Task ids</legend>
        <label class="inline">
          <input type="radio" name="idMode" checked={idMode() === 'ids'} onChange={() => setIdMode('ids')} /> Range or
          list
        </label>
        <label class="inline">
          <input type="radio" name="idMode" checked={idMode() === 'random'} onChange={() => setIdMode('random')} /> N
          seeded random ids
        </label>
        <Show
          when={idMode() === 'ids'}
          fallback={
            <div class="row">
              <label>
                N{' '}
                <input
                  name="randomN"
                  type="number"
                  min="1"
                  value={randomN()}
                  onInput={(e) => setRandomN(e.currentTarget.valueAsNumber)}
                />
              </label>
              <label>
                Seed{' '}
                <input
                  name="randomSeed"
                  type="number"
                  min="0"
                  value={randomSeed()}
                  onInput={(e) => setRandomSeed(e.currentTarget.valueAsNumber)}
                />
              </label>
            </div>
          }
        >
          <label>
            Ids{' '}
            <input
              name="ids"
              value={ids()}
              placeholder="0-99 or 0,5,9"
              onInput={(e) => setIds(e.currentTarget.value)}
            />
          </label>
        </Show>
      </fieldset>
      <fieldset class="row">
        <legend>Limits</legend>
        <label>
          Concurrency{' '}
          <input
            name="concurrency"
            type="number"
            min="1"
            max="256"
            value={concurrency()}
            onInput={(e) => setConcurrency(e.currentTarget.valueAsNumber)}
          />
        </label>
        <label>
          Max tokens{' '}
          <input
            name="maxTokens"
            inputmode="numeric"
            placeholder="no cap"
            value={maxTokens()}
            onInput={(e) => setMaxTokens(e.currentTarget.value)}
          />
        </label>
        <label>
          Timeout (s){' '}
          <input
            name="timeout"
            type="number"
            min="1"
            value={timeoutS()}
            onInput={(e) => setTimeoutS(e.currentTarget.valueAsNumber)}
          />
        </label>
      </fieldset>
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
