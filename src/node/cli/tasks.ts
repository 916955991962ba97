// `arbiter tasks`: prints the prompts Affine would send for the given ids. Environments that run Python (ABD, DED,
// PRINT) build their tasks in headless Chromium's sandbox. Node.
import { getEnv } from '../../../envs/index.ts';
import type { ScoreResult } from '../../../envs/types.ts';
import { expandIds, parseIdSpec, type RunConfig } from '../../shared/eval/run-config.ts';
import { DATASET_OPTIONS, datasetFromFlags } from './dataset-flags.ts';
import { pageErrorMessage, withHeadlessApp } from './headless.ts';
import { required } from './usage.ts';

export const TASKS_OPTIONS = {
  env: { type: 'string' },
  ids: { type: 'string' },
  json: { type: 'boolean' },
  ...DATASET_OPTIONS,
} as const;

/** The page's automation hooks (src/app/automation.ts) as the CLI calls them. */
export interface PageHooks {
  tasksHeadless(
    env: string,
    ids: string[],
    dataset: RunConfig['dataset'],
  ): Promise<{ task_id: string; prompt: string }[]>;
  scoreHeadless(env: string, id: string, reply: string, dataset: RunConfig['dataset']): Promise<ScoreResult>;
}

export async function tasksCommand(values: Record<string, unknown>): Promise<number> {
  const env = getEnv(required(values, 'env'));
  const ids = [...expandIds(parseIdSpec(required(values, 'ids')))].map(String);
  const dataset = await datasetFromFlags(values, [env]);
  let tasks: { task_id: string; prompt: string }[];
  if (env.needs?.exec) {
    tasks = await withHeadlessApp({ datasetRows: dataset.rows }, (page) =>
      page
        .evaluate(([e, i, d]) => (window as unknown as { __arbiter: PageHooks }).__arbiter.tasksHeadless(e, i, d), [
          env.id,
          ids,
          dataset.spec,
        ] as const)
        .catch((e: unknown) => {
          throw new Error(pageErrorMessage(e));
        }),
    );
  } else {
    tasks = await Promise.all(ids.map(async (id) => ({ task_id: id, prompt: (await env.task(BigInt(id))).prompt })));
  }
  // task_id as a bare integer, exact beyond 2^53.
  const out = tasks.map((t) =>
    values.json
      ? `{"env":${JSON.stringify(env.name)},"task_id":${t.task_id},"prompt":${JSON.stringify(t.prompt)}}`
      : `# ${env.name} task ${t.task_id}\n${t.prompt}\n`,
  );
  process.stdout.write(values.json ? `[${out.join(',')}]\n` : out.join('\n'));
  return 0;
}
