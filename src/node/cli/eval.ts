// `arbiter eval`: runs an evaluation against an OpenAI-compatible endpoint, appends each sample to a JSONL file the
// moment it is scored, resumes from that file, and prints the results table. Node.
import { getEnv } from '../../../envs/index.ts';
import { createOpenAIBackend } from '../../shared/backend/openai.ts';
import {
  expandIds,
  parseIdSpec,
  parseShard,
  randomIdSpec,
  shardCount,
  type IdSpec,
} from '../../shared/eval/run-config.ts';
import { runEvaluation, type EvalItem } from '../../shared/eval/runner.ts';
import { formatSummaryTable, SummaryBuilder } from '../../shared/eval/summary.ts';
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
  seed: { type: 'string' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
  'max-tokens': { type: 'string' },
  timeout: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function idSpec(values: Record<string, unknown>): IdSpec {
  if (values.ids !== undefined && values.random !== undefined)
    throw new UsageError('give either --ids or --random, not both.');
  if (values.random !== undefined) return randomIdSpec(positiveInt(values, 'random')!, Number(values.seed ?? 0));
  return parseIdSpec(required(values, 'ids'));
}

export async function evalCommand(values: Record<string, unknown>): Promise<number> {
  const envs = ((values.env as string[] | undefined) ?? []).flatMap((e) => e.split(',')).map(getEnv);
  if (envs.length === 0) throw new UsageError('--env is required (e.g. --env sat).');
  const spec = idSpec(values);
  const shard = typeof values.shard === 'string' ? parseShard(values.shard) : undefined;
  const concurrency = positiveInt(values, 'concurrency', 8)!;
  const timeout = positiveInt(values, 'timeout');
  const backend = createOpenAIBackend({
    baseUrl: required(values, 'endpoint'),
    model: required(values, 'model'),
    apiKey: process.env.ARBITER_API_KEY || process.env.OPENAI_API_KEY || undefined,
    maxTokens: positiveInt(values, 'max-tokens'),
    timeoutMs: timeout ? timeout * 1000 : undefined,
  });

  const summary = new SummaryBuilder();
  const sink = typeof values.out === 'string' ? await JsonlSink.open(values.out) : null;
  // Resuming: what the file already holds counts in the table and is not asked again.
  for (const s of sink?.existing ?? []) summary.add(s.env, s.score, s.error !== null);
  const total = envs.length * shardCount(spec, shard);
  const progress = createProgressReporter(total, sink?.existing.length ?? 0);

  function* items(): Generator<EvalItem> {
    for (const env of envs) for (const taskId of expandIds(spec, shard)) yield { env, taskId };
  }
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const outcome = await runEvaluation({
    runId: 'cli',
    backend,
    modelRevision: typeof values.revision === 'string' ? values.revision : null,
    items: items(),
    concurrency,
    isDone: (env, key) => sink?.has(env, key) ?? false,
    signal: abort.signal,
    onSample: async (s) => {
      await sink?.append(s);
      summary.add(s.env, s.score, s.error !== null);
      progress.tick(s.error !== null);
    },
  });
  process.off('SIGINT', onSigint);
  progress.end();
  await sink?.close();

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
