// The live run in this tab: starts, resumes and stops evaluations, persists every sample, and exposes progress,
// recent samples and the results table as Solid state. UI realm.
import { batch, createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { getEnv } from '../../envs/index.ts';
import { createOpenAIBackend } from '../shared/backend/openai.ts';
import { expandIds, shardCount, type RunConfig } from '../shared/eval/run-config.ts';
import { runEvaluation, type EvalItem } from '../shared/eval/runner.ts';
import type { SampleRecord } from '../shared/eval/sample.ts';
import { SummaryBuilder, type EnvSummary } from '../shared/eval/summary.ts';
import { getRun, holdRunLock, newRunId, putRun, setRunStatus } from '../storage/runs.ts';
import { doneKey, doneKeys, forEachSample, SampleWriter } from '../storage/samples.ts';
import type { RunRecord } from '../storage/schema.ts';

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
});

export function createRunController() {
  const [view, setView] = createStore<RunView>(empty());
  const [active, setActive] = createSignal(false);
  let abort: AbortController | null = null;
  let summary = new SummaryBuilder();

  /** Loads a stored run into the view (no evaluation). */
  async function open(runId: string): Promise<void> {
    const run = await getRun(runId);
    if (!run) throw new Error(`Run ${runId} no longer exists.`);
    summary = new SummaryBuilder();
    const recent: SampleRecord[] = [];
    let done = 0;
    let failed = 0;
    await forEachSample(runId, (s) => {
      summary.add(s.env, s.score, s.error !== null);
      done++;
      if (s.error) failed++;
      recent.push(s);
      if (recent.length > RECENT) recent.shift();
    });
    setView(reconcile({ ...empty(), run, done, failed, recent, summary: summary.rows() }));
  }

  /** Claims the tab's single run slot synchronously, so a double click cannot start two runs. */
  const claim = () => {
    if (active()) throw new Error('A run is already active in this tab: stop it first.');
    setActive(true);
  };

  async function start(config: RunConfig, apiKey?: string): Promise<string> {
    claim();
    try {
      return await prepareStart(config, apiKey);
    } catch (e) {
      setActive(false);
      throw e;
    }
  }

  async function prepareStart(config: RunConfig, apiKey?: string): Promise<string> {
    const total = config.envs.length * shardCount(config.ids, config.shard);
    const now = Date.now();
    const run: RunRecord = { id: newRunId(), createdAt: now, updatedAt: now, status: 'running', config, total };
    // Fail on a bad config before anything is stored.
    const backend = createOpenAIBackend({
      ...config.model,
      apiKey,
      maxTokens: config.maxTokens,
      timeoutMs: config.timeoutMs,
    });
    config.envs.forEach(getEnv);
    await putRun(run);
    void execute(run, backend);
    return run.id;
  }

  async function resume(runId: string, apiKey?: string): Promise<void> {
    claim();
    try {
      await prepareResume(runId, apiKey);
    } catch (e) {
      setActive(false);
      throw e;
    }
  }

  async function prepareResume(runId: string, apiKey?: string): Promise<void> {
    const run = await getRun(runId);
    if (!run) throw new Error(`Run ${runId} no longer exists.`);
    const backend = createOpenAIBackend({
      ...run.config.model,
      apiKey,
      maxTokens: run.config.maxTokens,
      timeoutMs: run.config.timeoutMs,
    });
    const updated = await setRunStatus(runId, 'running');
    void execute(updated!, backend);
  }

  async function execute(run: RunRecord, backend: ReturnType<typeof createOpenAIBackend>): Promise<void> {
    abort = new AbortController();
    const release = await holdRunLock(run.id);
    try {
      await open(run.id);
      setView({ sessionStartedAt: performance.now(), sessionDone: 0, error: null });
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
        modelRevision: run.config.model.revision ?? null,
        items: items(),
        concurrency: run.config.concurrency,
        isDone: (env, key) => done.has(doneKey(env, key)),
        signal: abort.signal,
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
      // Anything unexpected (storage gone, a bug): the user sees it, and the run stays resumable.
      await finish(run, 'error', (e as Error).message);
    } finally {
      release();
      abort = null;
      setActive(false);
    }
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

  return { view, active, open, start, resume, stop };
}

export type RunController = ReturnType<typeof createRunController>;
