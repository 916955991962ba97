// The live run in this tab: starts, resumes and stops evaluations, persists every sample, and exposes progress,
// recent samples and the results table as Solid state. UI realm.
import { batch, createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { getEnv } from '../../envs/index.ts';
import type { LoadProgress, ModelInfo } from '../shared/api/llm.ts';
import { expandIds, modelRevision, shardCount, type RunConfig } from '../shared/eval/run-config.ts';
import { runEvaluation, type EvalItem } from '../shared/eval/runner.ts';
import type { SampleRecord } from '../shared/eval/sample.ts';
import { SummaryBuilder, type EnvSummary } from '../shared/eval/summary.ts';
import { getRun, holdRunLock, newRunId, putRun, setRunStatus } from '../storage/runs.ts';
import { doneKey, doneKeys, forEachSample, SampleWriter } from '../storage/samples.ts';
import type { RunRecord } from '../storage/schema.ts';
import { checkBackend, prepareBackend, type RunSecrets } from './backend-factory.ts';
import { prepareContext } from './context-factory.ts';

/** Samples kept in memory for the live list; the rest stay in IndexedDB. */
const RECENT = 50;
/** UI refresh period while running: fast enough to feel live, slow enough not to cost throughput. */
const TICK_MS = 150;

export interface RunView {
  run: RunRecord | null;
  done: number;
  failed: number;
  /** Samples stored during this session of the run (for the rate). */
  sessionDone: number;
  sessionStartedAt: number;
  recent: SampleRecord[];
  summary: EnvSummary[];
  error: string | null;
  /** Model loading in progress (in-browser models): per-file download state and the current step. */
  loading: { step: string; files: { file: string; loaded: number; total: number }[] } | null;
  model: ModelInfo | null;
  /** In-browser models: the text being generated for each prompt of the batch in flight. */
  live: string[];
}

const empty = (): RunView => ({
  run: null,
  done: 0,
  failed: 0,
  sessionDone: 0,
  sessionStartedAt: 0,
  recent: [],
  summary: [],
  error: null,
  loading: null,
  model: null,
  live: [],
});

/**
 * A stored run as a view (no evaluation): the Run page shows runs this tab is not executing with it. The
 * controller's own view serves the run it executes, so the two never count a sample twice.
 */
export async function loadRunView(runId: string): Promise<{ view: RunView; builder: SummaryBuilder }> {
  const run = await getRun(runId);
  if (!run) throw new Error(`Run ${runId} no longer exists.`);
  const builder = new SummaryBuilder();
  const recent: SampleRecord[] = [];
  let done = 0;
  let failed = 0;
  await forEachSample(runId, (s) => {
    builder.add(s.env, s.score, s.error !== null);
    done++;
    if (s.error) failed++;
    recent.push(s);
    if (recent.length > RECENT) recent.shift();
  });
  return { view: { ...empty(), run, done, failed, recent, summary: builder.rows() }, builder };
}

export function createRunController() {
  const [view, setView] = createStore<RunView>(empty());
  const [active, setActive] = createSignal(false);
  let abort: AbortController | null = null;
  let summary = new SummaryBuilder();

  /** Loads the run about to execute into the view; only execute() calls it, before any sample can arrive. */
  async function open(runId: string): Promise<void> {
    const loaded = await loadRunView(runId);
    summary = loaded.builder;
    setView(reconcile(loaded.view));
  }

  /** Claims the tab's single run slot synchronously, so a double click cannot start two runs. */
  const claim = () => {
    if (active()) throw new Error('A run is already active in this tab: stop it first.');
    setActive(true);
  };

  async function start(config: RunConfig, secrets: RunSecrets = {}): Promise<string> {
    claim();
    try {
      // Fail on a bad config before anything is stored.
      checkBackend(config, secrets);
      config.envs.forEach(getEnv);
      const total = config.envs.length * shardCount(config.ids, config.shard);
      const now = Date.now();
      const run: RunRecord = { id: newRunId(), createdAt: now, updatedAt: now, status: 'running', config, total };
      await putRun(run);
      void execute(run, secrets);
      return run.id;
    } catch (e) {
      setActive(false);
      throw e;
    }
  }

  async function resume(runId: string, secrets: RunSecrets = {}): Promise<void> {
    claim();
    try {
      const run = await getRun(runId);
      if (!run) throw new Error(`Run ${runId} no longer exists.`);
      checkBackend(run.config, secrets);
      const updated = await setRunStatus(runId, 'running');
      void execute(updated!, secrets);
    } catch (e) {
      setActive(false);
      throw e;
    }
  }

  async function execute(run: RunRecord, secrets: RunSecrets): Promise<void> {
    abort = new AbortController();
    const release = await holdRunLock(run.id);
    let dispose = () => {};
    try {
      await open(run.id);
      setView({
        error: null,
        loading: run.config.model.kind === 'browser' ? { step: 'Starting the model worker…', files: [] } : null,
      });
      const prepared = await prepareBackend(run.config, secrets, onLoadProgress, abort.signal, (rows) =>
        setView('live', rows),
      );
      const context = await prepareContext(run.config).catch((e: unknown) => {
        prepared.dispose();
        throw e;
      });
      dispose = () => {
        prepared.dispose();
        context.dispose();
      };
      const backend = prepared.backend;
      setView({ loading: null, model: prepared.info, sessionStartedAt: performance.now(), sessionDone: 0 });
      const done = await doneKeys(run.id);
      const writer = new SampleWriter();
      const envs = run.config.envs.map(getEnv);
      function* items(): Generator<EvalItem> {
        for (const env of envs) for (const taskId of expandIds(run.config.ids, run.config.shard)) yield { env, taskId };
      }
      let pending: SampleRecord[] = [];
      const flush = () => {
        if (pending.length === 0) return;
        const fresh = pending;
        pending = [];
        batch(() => {
          setView('done', (d) => d + fresh.length);
          setView('sessionDone', (d) => d + fresh.length);
          setView('failed', (f) => f + fresh.filter((s) => s.error).length);
          setView('recent', (r) => [...r, ...fresh].slice(-RECENT));
          setView('summary', reconcile(summary.rows()));
        });
      };
      const timer = setInterval(flush, TICK_MS);
      const outcome = await runEvaluation({
        runId: run.id,
        backend,
        modelRevision: modelRevision(run.config.model),
        items: items(),
        concurrency: prepared.concurrency,
        isDone: (env, key) => done.has(doneKey(env, key)),
        signal: abort.signal,
        ctx: context.ctx,
        onSample: async (s) => {
          await writer.write(s);
          summary.add(s.env, s.score, s.error !== null);
          pending.push(s);
        },
      }).catch((e: unknown) => ({ kind: 'halted' as const, error: e as Error }));
      clearInterval(timer);
      flush();
      const status = outcome.kind === 'done' ? 'done' : outcome.kind === 'aborted' ? 'stopped' : 'error';
      const error = outcome.kind === 'halted' ? outcome.error.message : undefined;
      await finish(run, status, error);
    } catch (e) {
      // A model that failed to load, storage gone, a bug: the user sees it, and the run stays resumable.
      if (abort?.signal.aborted) await finish(run, 'stopped');
      else await finish(run, 'error', (e as Error).message);
    } finally {
      dispose();
      setView({ loading: null, live: [] });
      release();
      abort = null;
      setActive(false);
    }
  }

  /** Folds model-loading progress into the view: one row per file, plus the current step. */
  function onLoadProgress(p: LoadProgress): void {
    if (p.status === 'download' || p.status === 'done') {
      const files = [...(view.loading?.files ?? [])];
      const i = files.findIndex((f) => f.file === p.file);
      const prev = i >= 0 ? files[i]! : { file: p.file, loaded: 0, total: 0 };
      const next =
        p.status === 'done'
          ? { ...prev, loaded: prev.total || 1, total: prev.total || 1 }
          : { file: p.file, loaded: p.loaded, total: p.total };
      if (i >= 0) files[i] = next;
      else files.push(next);
      setView('loading', { step: `Downloading ${p.file}…`, files });
    } else if (p.status === 'compile') setView('loading', (l) => ({ step: p.message, files: l?.files ?? [] }));
  }

  /**
   * Records the final status. When storage is full even this small write can fail: the view still shows the outcome,
   * and after a reload the run appears as interrupted, ready to resume.
   */
  async function finish(run: RunRecord, status: RunRecord['status'], error?: string): Promise<void> {
    try {
      const final = await setRunStatus(run.id, status, error);
      setView({ run: final ?? null, error: error ?? null });
    } catch (e) {
      const message = `${error ? `${error} ` : ''}(The run's status could not be saved: ${(e as Error).message})`;
      setView({ run: { ...run, status, error: message, updatedAt: Date.now() }, error: message });
    }
  }

  function stop(): void {
    abort?.abort();
  }

  return { view, active, start, resume, stop };
}

export type RunController = ReturnType<typeof createRunController>;
