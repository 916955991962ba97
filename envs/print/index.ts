// The PRINT environment object (see envs/types.ts): predict the stdout of a program with injected debug prints.
// Both realms; task generation needs the Python sandbox and a dataset, scoring is pure.

import type { EnvContext, Environment, ScoreResult, Task } from '../types';
import { requireDataset, requireExec } from '../common/executor';
import { PRINT_META } from './meta';
import { scorePrint } from './score';
import { generatePrint, printPrompt, type PrintData } from './task';

export type { PrintData } from './task';

/**
 * `print` (task_name "Trace"): row = task_id % len(dataset), injection seed = task_id. Negative ids throw RangeError
 * (Python would take them; validators never send them).
 */
export const print: Environment<PrintData> = {
  ...PRINT_META,
  needs: { exec: true, dataset: true },
  async task(taskId: bigint, ctx?: EnvContext): Promise<Task<PrintData>> {
    if (taskId < 0n) throw new RangeError(`PRINT task id must be a non-negative integer, got ${taskId}`);
    const dataset = requireDataset(ctx, PRINT_META.name);
    const exec = requireExec(ctx, PRINT_META.name);
    if (dataset.length === 0) throw new RangeError(`PRINT: dataset "${dataset.name}" is empty.`);
    const index = Number(taskId % BigInt(dataset.length));
    const data = await generatePrint(exec, await dataset.row(index), index, taskId);
    return { env: PRINT_META.id, taskId, prompt: printPrompt(data.transformed, data.inputs), data };
  },
  async score(task: Task<PrintData>, reply: string): Promise<ScoreResult> {
    return scorePrint(task.data.groundTruth, task.data.datasetIndex, reply);
  },
};
