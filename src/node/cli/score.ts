// `arbiter score`: scores one reply for one task, exactly as Affine does. Node.
import { readFile } from 'node:fs/promises';
import { getEnv } from '../../../envs/index.ts';
import { pyStrip } from '../../shared/pystr.ts';
import { parseIdSpec } from '../../shared/eval/run-config.ts';
import { required, UsageError } from './usage.ts';

export const SCORE_OPTIONS = {
  env: { type: 'string' },
  'task-id': { type: 'string' },
  'reply-file': { type: 'string' },
  json: { type: 'boolean' },
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
  const task = await env.task(taskId);
  const r = await env.score(task, pyStrip(reply));
  if (values.json) {
    process.stdout.write(
      `{"env":${JSON.stringify(env.name)},"task_id":${taskId},"score":${r.score},"extra":${JSON.stringify(r.extra)}}\n`,
    );
  } else {
    process.stdout.write(`${env.name} task ${taskId}: score ${r.score}\n`);
  }
  return 0;
}
