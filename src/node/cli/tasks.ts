// `arbiter tasks`: prints the prompts Affine would send for the given ids. Node.
import { getEnv } from '../../../envs/index.ts';
import { expandIds, parseIdSpec } from '../../shared/eval/run-config.ts';
import { required } from './usage.ts';

export const TASKS_OPTIONS = {
  env: { type: 'string' },
  ids: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function tasksCommand(values: Record<string, unknown>): Promise<number> {
  const env = getEnv(required(values, 'env'));
  const spec = parseIdSpec(required(values, 'ids'));
  const out: string[] = [];
  for (const id of expandIds(spec)) {
    const task = await env.task(id);
    if (values.json) {
      // task_id as a bare integer, exact beyond 2^53.
      out.push(`{"env":${JSON.stringify(env.name)},"task_id":${id},"prompt":${JSON.stringify(task.prompt)}}`);
    } else {
      out.push(`# ${env.name} task ${id}\n${task.prompt}\n`);
    }
  }
  process.stdout.write(values.json ? `[${out.join(',')}]\n` : out.join('\n'));
  return 0;
}
