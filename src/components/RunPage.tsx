// One run: live progress while it runs, results table, samples, and the stop/resume/export actions. UI realm.
import { Show, createEffect, createSignal, on, onCleanup } from 'solid-js';
import { describeIds, modelName, modelWhere } from '../shared/eval/run-config.ts';
import { storedKey } from '../storage/models.ts';
import { markInterruptedRuns } from '../storage/runs.ts';
import { exportRunJsonl } from '../storage/transfer.ts';
import { useApp } from '../app/context.tsx';
import { loadRunView, type RunView } from '../state/run-controller.ts';
import { ModelStatus } from './ModelStatus.tsx';
import { ProgressBar } from './ProgressBar.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { SampleList } from './SampleList.tsx';
import { download } from './download.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

export function RunPage(props: { id: string }) {
  const app = useApp();
  const [stored, setStored] = createSignal<RunView | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [now, setNow] = createSignal(performance.now());
  const clock = setInterval(() => setNow(performance.now()), 500);
  onCleanup(() => clearInterval(clock));

  createEffect(
    on(
      () => props.id,
      (id) => {
        setStored(null);
        void markInterruptedRuns()
          .catch(() => [])
          .then(() => loadRunView(id))
          .then((r) => setStored(r.view))
          .catch((e: Error) => setError(e.message));
      },
    ),
  );

  /** The controller's live view when this tab runs (or last ran) this run; the stored snapshot otherwise. */
  const view = (): RunView | null => (app.runs.view.run?.id === props.id ? app.runs.view : stored());
  const v = () => view()!;
  const running = () => app.runs.view.run?.id === props.id && app.runs.active();
  const canResume = () => !app.runs.active() && ['interrupted', 'stopped', 'error'].includes(view()?.run?.status ?? '');

  const rate = () => {
    const secs = (now() - v().sessionStartedAt) / 1000;
    return running() && secs > 0.5 ? v().sessionDone / secs : 0;
  };

  async function onResume() {
    setError(null);
    const m = v().run!.config.model;
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
      <Show when={view()?.run} fallback={<p>{error() ?? 'Loading run…'}</p>}>
        <h2 id="run-title">
          Run <code>{props.id}</code>{' '}
          <span class={`status ${v().run!.status}`} data-testid="run-status">
            {v().run!.status}
          </span>
        </h2>
        <p class="meta">
          {modelName(v().run!.config.model)} @ {modelWhere(v().run!.config.model)} · {v().run!.config.envs.join(', ')} ·
          ids {describeIds(v().run!.config.ids, v().run!.config.shard)} · concurrency {v().run!.config.concurrency}
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
          <button type="button" onClick={onExport} disabled={v().done === 0}>
            Export JSONL
          </button>
        </div>
        <Show when={v().error ?? v().run!.error}>
          <p class="error" role="alert" data-testid="run-error">
            {v().error ?? v().run!.error}
          </p>
        </Show>
        <ErrorAlert message={error()} />
        <ModelStatus loading={v().loading} model={v().model} live={running() ? v().live : []} />
        <ProgressBar done={v().done} total={v().run!.total} failed={v().failed} rate={rate()} />
        <ResultsTable rows={v().summary} />
        <SampleList samples={v().recent} />
      </Show>
    </section>
  );
}
