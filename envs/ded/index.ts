// The DED environment object (see envs/types.ts): write a program from a problem statement; scored on the row's test
// cases. Both realms; the task needs a dataset, scoring needs the Python sandbox.

import type { EnvContext, Environment, ScoreResult, Task } from '../types';
import { requireDataset, requireExec, rowAt } from '../common/executor';
import { DED_META } from './meta';
import { scoreDed } from './score';
import { generateDed, type DedData } from './task';

export type { DedData } from './task';

/** `affine:ded-v2`: task id = row index into the dataset; ids outside it throw RangeError. */
export const ded: Environment<DedData> = {
  ...DED_META,
  needs: { exec: true, dataset: true },
  async task(taskId: bigint, ctx?: EnvContext): Promise<Task<DedData>> {
    const dataset = requireDataset(ctx, DED_META.name);
    const row = await rowAt(dataset, taskId, DED_META.name);
    const { prompt, data } = generateDed(row, Number(taskId));
    return { env: DED_META.id, taskId, prompt, data };
  },
  async score(task: Task<DedData>, reply: string, ctx?: EnvContext): Promise<ScoreResult> {
    return scoreDed(requireExec(ctx, DED_META.name), task.data, reply);
  },
};
