// Automation hooks for the CLI and tests: when the page is driven by Playwright (navigator.webdriver), it exposes
// `window.__arbiter`: runHeadless (an evaluation with the app's own backends, each sample handed back as a JSONL
// line), tasksHeadless / scoreHeadless (program environments need the sandbox), and the LlmClient and SandboxPool
// classes. UI realm.
import { getEnv } from '../../envs/index.ts';
import type { Dataset, DatasetRow, ScoreResult } from '../../envs/types.ts';
import type { LoadProgress, ModelInfo } from '../shared/api/llm.ts';
import { expandIds, type RunConfig } from '../shared/eval/run-config.ts';
import { runEvaluation, type EvalItem } from '../shared/eval/runner.ts';
import { sampleToJsonl } from '../shared/eval/sample.ts';
import { pyStrip } from '../shared/pystr.ts';
import { prepareBackend, type PreparedBackend } from '../state/backend-factory.ts';
import { prepareContext } from '../state/context-factory.ts';
import { LlmClient } from '../models/llm-client.ts';
import { SandboxPool } from '../sandbox/pool.ts';

/** Functions the CLI registers with page.exposeFunction before calling into the page. */
interface CliHooks {
  __arbiterSample(line: string): Promise<void>;
  __arbiterProgress(p: LoadProgress): Promise<void>;
  /** Keys (`env\0taskKey`) already in the CLI's --out file. */
  __arbiterDone(): Promise<string[]>;
  /** Row i of the CLI's --dataset file. */
  __arbiterDatasetRow(i: number): Promise<DatasetRow>;
}

const hooks = () => window as unknown as CliHooks;

/** The CLI's --dataset file, row by row through the exposed function. */
function cliDataset(config: RunConfig): Dataset | undefined {
  const d = config.dataset;
  if (d?.kind !== 'cli') return undefined;
  return { name: d.name, length: d.length, row: (i) => hooks().__arbiterDatasetRow(i) };
}

export interface HeadlessResult {
  outcome: 'done' | 'aborted' | 'halted';
  error?: string;
  model: ModelInfo | null;
}

async function runHeadless(config: RunConfig): Promise<HeadlessResult> {
  const done = new Set(await hooks().__arbiterDone());
  let prepared: PreparedBackend;
  let context: Awaited<ReturnType<typeof prepareContext>>;
  try {
    prepared = await prepareBackend(config, {}, (p) => void hooks().__arbiterProgress(p));
    context = await prepareContext(config, cliDataset(config)).catch((e: unknown) => {
      prepared.dispose();
      throw e;
    });
  } catch (e) {
    return { outcome: 'halted', error: (e as Error).message, model: null };
  }
  try {
    const envs = config.envs.map(getEnv);
    function* items(): Generator<EvalItem> {
      for (const env of envs) for (const taskId of expandIds(config.ids, config.shard)) yield { env, taskId };
    }
    const outcome = await runEvaluation({
      runId: 'cli',
      backend: prepared.backend,
      items: items(),
      concurrency: prepared.concurrency,
      ctx: context.ctx,
      isDone: (env, key) => done.has(`${env}\u0000${key}`),
      onSample: (s) => hooks().__arbiterSample(sampleToJsonl(s)),
    });
    return {
      outcome: outcome.kind,
      error: outcome.kind === 'halted' ? outcome.error.message : undefined,
      model: prepared.info,
    };
  } finally {
    prepared.dispose();
    context.dispose();
  }
}

/** Config for the context factory when only tasks or scores are wanted (no model). */
const contextConfig = (env: string, dataset: RunConfig['dataset']): RunConfig => ({
  model: { kind: 'openai', baseUrl: 'http://unused.invalid/v1', model: 'none' },
  envs: [env],
  ids: { kind: 'list', ids: [] },
  concurrency: 1,
  dataset,
});

async function tasksHeadless(
  env: string,
  ids: string[],
  dataset: RunConfig['dataset'],
): Promise<{ task_id: string; prompt: string }[]> {
  const config = contextConfig(env, dataset);
  const { ctx, dispose } = await prepareContext(config, cliDataset(config));
  try {
    const e = getEnv(env);
    return await Promise.all(ids.map(async (id) => ({ task_id: id, prompt: (await e.task(BigInt(id), ctx)).prompt })));
  } finally {
    dispose();
  }
}

async function scoreHeadless(
  env: string,
  id: string,
  reply: string,
  dataset: RunConfig['dataset'],
): Promise<ScoreResult> {
  const config = contextConfig(env, dataset);
  const { ctx, dispose } = await prepareContext(config, cliDataset(config));
  try {
    const e = getEnv(env);
    return await e.score(await e.task(BigInt(id), ctx), pyStrip(reply), ctx);
  } finally {
    dispose();
  }
}

export function installAutomation(): void {
  if (!navigator.webdriver) return;
  // LlmClient and SandboxPool too, so browser tests drive the real model worker and the real sandbox directly.
  (window as unknown as { __arbiter: unknown }).__arbiter = {
    runHeadless,
    tasksHeadless,
    scoreHeadless,
    LlmClient,
    SandboxPool,
  };
}
