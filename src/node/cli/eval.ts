// `arbiter eval`: runs an evaluation (an OpenAI-compatible endpoint from Node, or an in-browser model through
// headless Chromium), appends each sample to a JSONL file the moment it is scored, resumes from that file, and
// prints the results table. Node.
import { getEnv } from '../../../envs/index.ts';
import type { Environment } from '../../../envs/types.ts';
import { createOpenAIBackend } from '../../shared/backend/openai.ts';
import {
  expandIds,
  parseIdSpec,
  parseShard,
  randomIdSpec,
  shardCount,
  type EndpointModelSpec,
  type IdSpec,
  type Shard,
} from '../../shared/eval/run-config.ts';
import { runEvaluation, type EvalItem, type RunOutcome } from '../../shared/eval/runner.ts';
import type { SampleRecord } from '../../shared/eval/sample.ts';
import { formatSummaryTable, SummaryBuilder } from '../../shared/eval/summary.ts';
import { browserEval, browserModelSpec, BROWSER_OPTIONS } from './browser-eval.ts';
import { DATASET_OPTIONS, datasetFromFlags } from './dataset-flags.ts';
import { JsonlSink } from './jsonl-sink.ts';
import { createProgressReporter } from './progress.ts';
import { positiveInt, required, UsageError } from './usage.ts';

export const EVAL_OPTIONS = {
  endpoint: { type: 'string' },
  model: { type: 'string' },
  revision: { type: 'string' },
  env: { type: 'string', multiple: true },
  ids: { type: 'string' },
  random: { type: 'string' },
  n: { type: 'string' },
  seed: { type: 'string' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
  'max-tokens': { type: 'string' },
  timeout: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  ...BROWSER_OPTIONS,
  ...DATASET_OPTIONS,
} as const;

function idSpec(values: Record<string, unknown>): IdSpec {
  const random = values.random ?? values.n;
  if (values.ids !== undefined && random !== undefined)
    throw new UsageError('give either --ids or --n/--random, not both.');
  if (random !== undefined) return randomIdSpec(positiveInt({ n: random }, 'n')!, Number(values.seed ?? 0));
  return parseIdSpec(required(values, 'ids'));
}

/** What both paths share: the items to run, where samples go, and the table. */
export interface EvalPlan {
  envs: Environment<any>[];
  spec: IdSpec;
  shard?: Shard;
  sink: JsonlSink | null;
  concurrency: number;
  /** Called with each scored sample (already appended to the sink). */
  record(s: SampleRecord): void;
  items(): Generator<EvalItem>;
  signal: AbortSignal;
}

export async function evalCommand(values: Record<string, unknown>): Promise<number> {
  const envs = ((values.env as string[] | undefined) ?? []).flatMap((e) => e.split(',')).map(getEnv);
  if (envs.length === 0) throw new UsageError('--env is required (e.g. --env sat).');
  const spec = idSpec(values);
  const shard = typeof values.shard === 'string' ? parseShard(values.shard) : undefined;
  const inBrowser = values.endpoint === undefined;
  if (inBrowser && values.model === undefined)
    throw new UsageError(
      'give --endpoint URL --model NAME (an OpenAI-compatible server), or --model ID|FOLDER to run it in the browser.',
    );
  // All checked before anything is written: bad input must not leave an empty --out behind.
  const endpointBackend = inBrowser ? null : endpointFrom(values);
  const browserModel = inBrowser ? browserModelSpec(values) : null;
  const dataset = await datasetFromFlags(values, envs);
  // Program environments score in the browser's Python sandbox, so endpoint runs go through Chromium too.
  const headless = inBrowser || envs.some((e) => e.needs?.exec);
  const concurrency = positiveInt(values, 'concurrency', 8)!;

  const summary = new SummaryBuilder();
  const sink = typeof values.out === 'string' ? await JsonlSink.open(values.out) : null;
  // Resuming: what the file already holds counts in the table and is not asked again.
  for (const s of sink?.existing ?? []) summary.add(s.env, s.score, s.error !== null);
  const progress = createProgressReporter(envs.length * shardCount(spec, shard), sink?.existing.length ?? 0);
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const plan: EvalPlan = {
    envs,
    spec,
    shard,
    sink,
    signal: abort.signal,
    concurrency,
    record: (s) => {
      summary.add(s.env, s.score, s.error !== null);
      progress.tick(s.error !== null);
    },
    *items() {
      for (const env of envs) for (const taskId of expandIds(spec, shard)) yield { env, taskId };
    },
  };
  let outcome: RunOutcome;
  try {
    outcome = !headless
      ? await runEvaluation({
          runId: 'cli',
          backend: endpointBackend!,
          modelRevision: typeof values.revision === 'string' ? values.revision : null,
          items: plan.items(),
          concurrency,
          isDone: (env, key) => sink?.has(env, key) ?? false,
          signal: abort.signal,
          onSample: async (s) => {
            await sink?.append(s);
            plan.record(s);
          },
        })
      : await browserEval(browserModel ?? { spec: endpointSpec(values) }, plan, dataset);
  } finally {
    process.off('SIGINT', onSigint);
    progress.end();
    await sink?.close();
  }

  const rows = summary.rows();
  process.stdout.write(
    values.json ? JSON.stringify({ outcome: outcome.kind, results: rows }) + '\n' : formatSummaryTable(rows) + '\n',
  );
  if (outcome.kind === 'halted') {
    process.stderr.write(`arbiter eval: stopped early: ${outcome.error.message}\n`);
    return 1;
  }
  if (outcome.kind === 'aborted') {
    process.stderr.write(
      `arbiter eval: interrupted; run the same command again to resume${sink ? ` from ${values.out}` : ''}.\n`,
    );
    return 130;
  }
  return 0;
}

function endpointSpec(values: Record<string, unknown>): EndpointModelSpec {
  return {
    kind: 'openai',
    baseUrl: required(values, 'endpoint'),
    model: required(values, 'model'),
    revision: typeof values.revision === 'string' ? values.revision : undefined,
  };
}

function endpointFrom(values: Record<string, unknown>) {
  const timeout = positiveInt(values, 'timeout');
  return createOpenAIBackend({
    baseUrl: required(values, 'endpoint'),
    model: required(values, 'model'),
    apiKey: process.env.ARBITER_API_KEY || process.env.OPENAI_API_KEY || undefined,
    maxTokens: positiveInt(values, 'max-tokens'),
    timeoutMs: timeout ? timeout * 1000 : undefined,
  });
}
