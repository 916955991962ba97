// Automation hook for the CLI: when the page is driven by Playwright (navigator.webdriver), it exposes
// `window.__arbiter.runHeadless(config)`, which runs an evaluation with the app's own backends and hands each sample
// back as a JSONL line. UI realm.
import { getEnv } from '../../envs/index.ts';
import type { LoadProgress, ModelInfo } from '../shared/api/llm.ts';
import { expandIds, type RunConfig } from '../shared/eval/run-config.ts';
import { runEvaluation, type EvalItem } from '../shared/eval/runner.ts';
import { sampleToJsonl } from '../shared/eval/sample.ts';
import { prepareBackend } from '../state/backend-factory.ts';
import { LlmClient } from '../models/llm-client.ts';

/** Functions the CLI registers with page.exposeFunction before calling runHeadless. */
interface CliHooks {
  __arbiterSample(line: string): Promise<void>;
  __arbiterProgress(p: LoadProgress): Promise<void>;
  /** Keys (`env\0taskKey`) already in the CLI's --out file. */
  __arbiterDone(): Promise<string[]>;
}

export interface HeadlessResult {
  outcome: 'done' | 'aborted' | 'halted';
  error?: string;
  model: ModelInfo | null;
}

async function runHeadless(config: RunConfig): Promise<HeadlessResult> {
  const hooks = window as unknown as CliHooks;
  const done = new Set(await hooks.__arbiterDone());
  let prepared;
  try {
    prepared = await prepareBackend(config, {}, (p) => void hooks.__arbiterProgress(p));
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
      isDone: (env, key) => done.has(`${env}\u0000${key}`),
      onSample: (s) => hooks.__arbiterSample(sampleToJsonl(s)),
    });
    return {
      outcome: outcome.kind,
      error: outcome.kind === 'halted' ? outcome.error.message : undefined,
      model: prepared.info,
    };
  } finally {
    prepared.dispose();
  }
}

export function installAutomation(): void {
  if (!navigator.webdriver) return;
  // LlmClient too, so browser tests drive the real model worker directly (tokens, batching, cancel, log-probs).
  (window as unknown as { __arbiter: unknown }).__arbiter = { runHeadless, LlmClient };
}
