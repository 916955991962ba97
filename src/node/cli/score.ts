// `arbiter score`: scores one reply for one task, exactly as Affine does. Node.
import { readFile } from 'node:fs/promises';
import { getEnv } from '../../../envs/index.ts';
import { pyStrip } from '../../shared/pystr.ts';
import { parseIdSpec } from '../../shared/eval/run-config.ts';
import { DATASET_OPTIONS, datasetFromFlags } from './dataset-flags.ts';
import { pageErrorMessage, withHeadlessApp } from './headless.ts';
import type { PageHooks } from './tasks.ts';
import { required, UsageError } from './usage.ts';

export const SCORE_OPTIONS = {
  env: { type: 'string' },
  'task-id': { type: 'string' },
  'reply-file': { type: 'string' },
  json: { type: 'boolean' },
  ...DATASET_OPTIONS,
} as const;

async function readReply(path: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read --reply-file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

export async function scoreCommand(values: Record<string, unknown>): Promise<number> {
  const env = getEnv(required(values, 'env'));
  const spec = parseIdSpec(required(values, 'task-id'));
  if (spec.kind !== 'range' || spec.start !== spec.end) throw new UsageError('--task-id takes a single id.');
  const taskId = BigInt(spec.start);
  const reply = await readReply(required(values, 'reply-file'));
  const dataset = await datasetFromFlags(values, [env]);
  const r = env.needs?.exec
    ? await withHeadlessApp({ datasetRows: dataset.rows }, (page) =>
        page
          .evaluate(
            ([e, i, rep, d]) => (window as unknown as { __arbiter: PageHooks }).__arbiter.scoreHeadless(e, i, rep, d),
            [env.id, taskId.toString(), reply, dataset.spec] as const,
          )
          .catch((e: unknown) => {
            throw new Error(pageErrorMessage(e));
          }),
      )
    : await env.score(await env.task(taskId), pyStrip(reply));
  if (values.json) {
    process.stdout.write(
      `{"env":${JSON.stringify(env.name)},"task_id":${taskId},"score":${r.score},"extra":${JSON.stringify(r.extra)}}\n`,
    );
  } else {
    process.stdout.write(`${env.name} task ${taskId}: score ${r.score}\n`);
  }
  return 0;
}
