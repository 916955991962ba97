// The HVM environment object (see envs/types.ts): find hole values that make a stack-VM program reproduce three
// outputs. Both realms: pure TypeScript, no sandbox, no dataset.

import type { Environment, ScoreResult, Task } from '../types';
import { HVM_META } from './meta';
import { scoreHvm } from './score';
import { generateHvm, hvmPrompt, type HvmData } from './task';

export type { HvmData } from './task';

/** `HVM`: task id = seed of `random.Random` (our choice; upstream was unseeded). Negative ids throw RangeError. */
export const hvm: Environment<HvmData> = {
  ...HVM_META,
  async task(taskId: bigint): Promise<Task<HvmData>> {
    const data = generateHvm(taskId);
    return { env: HVM_META.id, taskId, prompt: hvmPrompt(data), data };
  },
  async score(task: Task<HvmData>, reply: string): Promise<ScoreResult> {
    return scoreHvm(task.data, reply);
  },
};
