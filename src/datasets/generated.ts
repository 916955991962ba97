// A program dataset made on the fly by the offline generator (src/shared/progen): row i comes from seed
// `seed * 1_000_003 + i`, checked by running it in the sandbox; a rejected program moves on to the next candidate
// seed, deterministically, so row i is the same everywhere. Both realms (only an Executor is needed).
import type { Dataset, DatasetRow } from '../../envs/types.ts';
import type { Executor } from '../shared/api/sandbox.ts';
import { generateRows } from '../shared/progen/index.ts';

/** Candidate seeds tried per row before giving up (generated programs rarely fail their own inputs). */
const TRIES = 8;

export function generatedDataset(exec: Executor, seed: number, size: number): Dataset {
  const cache = new Map<number, Promise<DatasetRow>>();
  async function make(index: number): Promise<DatasetRow> {
    for (let j = 0; j < TRIES; j++) {
      const { rows } = await generateRows(exec, [seed * 1_000_003 + index + j * size]);
      if (rows[0]) return rows[0];
    }
    throw new Error(`The program generator could not make a working program for row ${index} (seed ${seed}).`);
  }
  return {
    name: `generated (seed ${seed})`,
    length: size,
    row(index: number) {
      if (!Number.isInteger(index) || index < 0 || index >= size)
        return Promise.reject(new RangeError(`Row ${index} is outside the generated dataset (${size} rows).`));
      let p = cache.get(index);
      if (!p) {
        p = make(index);
        cache.set(index, p);
        p.catch(() => cache.delete(index));
      }
      return p;
    },
  };
}
