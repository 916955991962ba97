// The evaluation loop shared by the UI and the CLI: generate task, call the model, score, hand the sample on.
// Both realms; storage is the caller's (IndexedDB in the browser, a JSONL file in the CLI).
import type { EnvContext, Environment } from '../../../envs/types.ts';
import { affineSeed } from '../affine-seed.ts';
import { BackendError, type Backend } from '../backend/types.ts';
import { pyStrip } from '../pystr.ts';
import { taskKey, type SampleRecord } from './sample.ts';

export interface EvalItem {
  env: Environment<any>;
  taskId: bigint;
}

export interface RunnerOptions {
  runId: string;
  backend: Backend;
  modelRevision?: string | null;
  items: Iterable<EvalItem>;
  concurrency: number;
  /** Items already stored (resume): skipped without a model call. */
  isDone?: (env: string, taskKey: string) => boolean;
  /** Receives each scored sample; the runner awaits it, so a sample counts only once it is stored. */
  onSample: (sample: SampleRecord) => Promise<void> | void;
  signal?: AbortSignal;
  /** The Python sandbox and dataset the program environments need. */
  ctx?: EnvContext;
}

/** Names what the context lacks for these environments, or null when it has everything. */
export function missingContext(envs: Environment<any>[], ctx: EnvContext = {}): string | null {
  for (const env of envs) {
    if (env.needs?.exec && !ctx.exec) return `${env.label} needs the Python sandbox, which is not available here.`;
    if (env.needs?.dataset && !ctx.dataset)
      return `${env.label} needs a program dataset: import one (JSONL or Parquet in the rl-python schema) or use the offline generator.`;
  }
  return null;
}

export type RunOutcome =
  | { kind: 'done' }
  | { kind: 'aborted' }
  /** Stopped early because nothing more could succeed (endpoint unreachable, CORS, bad config, bad task id). */
  | { kind: 'halted'; error: Error };

/**
 * Infrastructure failures that would fail every remaining task the same way. Affine stores no sample for those and
 * retries later; we stop the run so that resuming (after the fix) picks the tasks up.
 */
const FATAL: ReadonlySet<string> = new Set(['network', 'cors', 'invalid_config']);

/** Runs every item with at most `concurrency` calls in flight. Never throws for a model failure: it is scored 0. */
export async function runEvaluation(opts: RunnerOptions): Promise<RunOutcome> {
  const it = opts.items[Symbol.iterator]();
  let halted: Error | null = null;
  const next = (): EvalItem | null => {
    while (!halted && !opts.signal?.aborted) {
      const r = it.next();
      if (r.done) return null;
      if (!opts.isDone?.(r.value.env.id, taskKey(r.value.taskId))) return r.value;
    }
    return null;
  };

  const worker = async (): Promise<void> => {
    for (let item = next(); item; item = next()) {
      try {
        const sample = await evaluateOne(item, opts);
        if (sample) await opts.onSample(sample);
      } catch (e) {
        if (e instanceof BackendError && e.code === 'aborted') return;
        halted ??= e as Error;
        return;
      }
    }
  };
  const n = Math.max(1, Math.floor(opts.concurrency));
  await Promise.all(Array.from({ length: n }, worker));
  if (halted) return { kind: 'halted', error: halted };
  if (opts.signal?.aborted) return { kind: 'aborted' };
  return { kind: 'done' };
}

/**
 * One task end to end. Returns null when the user aborted; throws for fatal (run-stopping) failures; any other model
 * failure becomes a sample with score 0 and the error recorded.
 */
export async function evaluateOne(
  item: EvalItem,
  opts: Pick<RunnerOptions, 'runId' | 'backend' | 'modelRevision' | 'signal' | 'ctx'>,
): Promise<SampleRecord | null> {
  const { env, taskId } = item;
  const task = await env.task(taskId, opts.ctx);
  const seed = await affineSeed(env.name, taskId);
  const base = {
    runId: opts.runId,
    env: env.id,
    envName: env.name,
    taskId: taskId.toString(),
    taskKey: taskKey(taskId),
    prompt: task.prompt,
    model: opts.backend.model,
    modelRevision: opts.modelRevision ?? null,
    seed,
  };
  try {
    const r = await opts.backend.chat({ prompt: task.prompt, seed, signal: opts.signal });
    const reply = {
      ...base,
      reply: r.content,
      latencyMs: Math.round(r.latencyMs),
      usage: r.usage,
      attempts: r.attempts,
    };
    try {
      // Affine strips the streamed text with Python's str.strip() before extraction.
      const scored = await env.score(task, pyStrip(r.content), opts.ctx);
      return { ...reply, score: scored.score, timestamp: Date.now(), error: null, extra: scored.extra };
    } catch (e) {
      // A reply the upstream scorer itself would crash on (e.g. SAT's 4300-digit int() limit): keep the reply, score
      // 0, and say why, rather than stopping the run. Affine would store no sample for it.
      const err = e as Error & { code?: string };
      return {
        ...reply,
        score: 0,
        timestamp: Date.now(),
        error: { type: err.code ?? 'score_error', message: err.message },
        extra: {},
      };
    }
  } catch (e) {
    if (!(e instanceof BackendError)) throw e;
    if (e.code === 'aborted') return null;
    if (FATAL.has(e.code)) throw e;
    return {
      ...base,
      reply: '',
      score: 0,
      latencyMs: 0,
      timestamp: Date.now(),
      usage: null,
      attempts: 1,
      error: { type: e.code, message: e.message },
      extra: {},
    };
  }
}
