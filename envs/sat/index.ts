// The SAT environment object (see envs/types.ts): Affine's planted 10-SAT over 15 variables. Both realms: pure.

import type { Environment, ScoreResult, Task } from '../types';
import { SAT_CONFIG, SAT_META } from './meta';
import { scoreSat } from './score';
import { generateSat, satPrompt } from './task';

/** What a SAT task carries to the scorer: the clauses, plus the planted solution for display and debugging. */
export interface SatData {
  n: number;
  k: number;
  clauses: number[][];
  /** `solution[i - 1]` is the planted value of x_i. Not used for scoring: any satisfying assignment counts. */
  solution: boolean[];
}

/** `affine:sat`: task ids are non-negative integers (the seed of `random.Random`); negative ids throw RangeError. */
export const sat: Environment<SatData> = {
  ...SAT_META,
  async task(taskId: bigint): Promise<Task<SatData>> {
    const { solution, clauses } = generateSat(taskId);
    return {
      env: SAT_META.id,
      taskId,
      prompt: satPrompt(clauses),
      data: { n: SAT_CONFIG.n, k: SAT_CONFIG.k, clauses, solution },
    };
  },
  async score(task: Task<SatData>, reply: string): Promise<ScoreResult> {
    return scoreSat(task.data.clauses, reply);
  },
};
