// One run: live progress while it runs, results table, samples, and the stop/resume/export actions. UI realm.
import { Show, createEffect, createSignal, on, onCleanup } from 'solid-js';
import { describeIds, modelName, modelWhere } from '../shared/eval/run-config.ts';
import { storedKey } from '../storage/models.ts';
import { markInterruptedRuns } from '../storage/runs.ts';
import { exportRunJsonl } from '../storage/transfer.ts';
import { useApp } from '../app/context.tsx';
import { ModelStatus } from './ModelStatus.tsx';
import { ProgressBar } from './ProgressBar.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { SampleList } from './SampleList.tsx';
import { download } from './download.ts';

export function RunPage(props: { id: string }) {
  const app = useApp();
  const view = app.runs.view;
  const [error, setError] = createSignal<string | null>(null);
  const [now, setNow] = createSignal(performance.now());
  const clock = setInterval(() => setNow(performance.now()), 500);
  onCleanup(() => clearInterval(clock));

  createEffect(
    on(
      () => props.id,
      (id) => {
        if (view.run?.id === id && app.runs.active()) return;
        void markInterruptedRuns()
          .catch(() => [])
          .then(() => app.runs.open(id))
          .catch((e: Error) => setError(e.message));
      },
    ),
  );

  const isThis = () => view.run?.id === props.id;
  const running = () => isThis() && app.runs.active();
  const canResume = () =>
    isThis() && !app.runs.active() && ['interrupted', 'stopped', 'error'].includes(view.run?.status ?? '');

  const rate = () => {
    const secs = (now() - view.sessionStartedAt) / 1000;
    return running() && secs > 0.5 ? view.sessionDone / secs : 0;
  };

  async function onResume() {
    setError(null);
    const m = view.run!.config.model;
    try {
      const apiKey =
        m.kind === 'openai'
          ? (app.keys.get(m.baseUrl) ?? (await storedKey(m.baseUrl, m.model).catch(() => undefined)))
          : undefined;
      await app.runs.resume(props.id, { apiKey });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function onExport() {
    try {
      download(await exportRunJsonl(props.id), `${props.id}.jsonl`);
    } catch (e) {
      setError(`Export failed: ${(e as Error).message}`);
    }
  }

  return (
    <section class="panel" aria-labelledby="run-title">
      <Show when={isThis()} fallback={<p>{error() ?? 'Loading run…'}</p>}>
        <h2 id="run-title">
          Run <code>{props.id}</code>{' '}
          <span class={`status ${view.run!.status}`} data-testid="run-status">
            {view.run!.status}
          </span>
        </h2>
        <p class="meta">
          {modelName(view.run!.config.model)} @ {modelWhere(view.run!.config.model)} ·{' '}
          {view.run!.config.envs.join(', ')} · ids {describeIds(view.run!.config.ids, view.run!.config.shard)} ·
          concurrency {view.run!.config.concurrency}
        </p>
        <div class="actions">
          <Show when={running()}>
            <button type="button" onClick={() => app.runs.stop()}>
              Stop
            </button>
          </Show>
          <Show when={canResume()}>
            <button type="button" class="primary" onClick={onResume}>
              Resume
            </button>
          </Show>
          <button type="button" onClick={onExport} disabled={view.done === 0}>
            Export JSONL
          </button>
        </div>
        <Show when={view.error ?? view.run!.error}>
          <p class="error" role="alert" data-testid="run-error">
            {view.error ?? view.run!.error}
          </p>
        </Show>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <ModelStatus loading={view.loading} model={view.model} live={running() ? view.live : []} />
        <ProgressBar done={view.done} total={view.run!.total} failed={view.failed} rate={rate()} />
        <ResultsTable rows={view.summary} />
        <SampleList samples={view.recent} />
      </Show>
    </section>
  );
}
