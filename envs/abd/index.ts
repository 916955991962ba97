// The ABD environment object (see envs/types.ts): given a program and its output, find the stdin. Both realms; needs
// the Python sandbox and an rl-python dataset.

import type { EnvContext, Environment, ScoreResult, Task } from '../types';
import { requireDataset, requireExec, rowAt } from '../common/executor';
import { ABD_META } from './meta';
import { scoreAbd } from './score';
import { abdPrompt, generateAbd, type AbdData } from './task';

export type { AbdData } from './task';

/** `affine:abd-v2`: task id = row index into the dataset; ids outside it throw RangeError. */
export const abd: Environment<AbdData> = {
  ...ABD_META,
  needs: { exec: true, dataset: true },
  async task(taskId: bigint, ctx?: EnvContext): Promise<Task<AbdData>> {
    const dataset = requireDataset(ctx, ABD_META.name);
    const exec = requireExec(ctx, ABD_META.name);
    const row = await rowAt(dataset, taskId, ABD_META.name);
    const data = await generateAbd(exec, row, Number(taskId));
    return { env: ABD_META.id, taskId, prompt: abdPrompt(data.program, data.expectedOutput), data };
  },
  async score(task: Task<AbdData>, reply: string, ctx?: EnvContext): Promise<ScoreResult> {
    return scoreAbd(requireExec(ctx, ABD_META.name), task.data, reply);
  },
};
