// `--dataset FILE` (JSONL or Parquet in the rl-python schema) and `--generated SEED` for the program environments.
// Node.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DatasetRow, Environment } from '../../../envs/types.ts';
import { parseJsonlRows, parseParquetRows } from '../../shared/datasets/index.ts';
import type { DatasetSpec } from '../../shared/eval/run-config.ts';
import { UsageError } from './usage.ts';

export const DATASET_OPTIONS = {
  dataset: { type: 'string' },
  generated: { type: 'string' },
  'generated-size': { type: 'string' },
} as const;

/** The dataset for these environments, or undefined when none of them reads one. */
export async function datasetFromFlags(
  values: Record<string, unknown>,
  envs: Environment<any>[],
): Promise<{ spec?: DatasetSpec; rows?: DatasetRow[] }> {
  if (!envs.some((e) => e.needs?.dataset)) return {};
  if (typeof values.dataset === 'string') {
    const path = values.dataset;
    let buf: Buffer;
    try {
      buf = await readFile(path);
    } catch (e) {
      throw new UsageError(
        `cannot read --dataset ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    const rows = /\.parquet$/i.test(path) ? await parseParquetRows(buf) : parseJsonlRows(buf.toString('utf8'));
    return { spec: { kind: 'cli', name: basename(path), length: rows.length }, rows };
  }
  if (typeof values.generated === 'string') {
    const seed = Number(values.generated);
    const size = Number(values['generated-size'] ?? 10_000);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--generated takes a seed, a whole number ≥ 0.');
    if (!Number.isInteger(size) || size < 1) throw new UsageError('--generated-size must be a whole number ≥ 1.');
    return { spec: { kind: 'generated', seed, size } };
  }
  const names = envs.filter((e) => e.needs?.dataset).map((e) => e.id);
  throw new UsageError(
    `${names.join(', ')} need a program dataset: --dataset FILE (JSONL or Parquet, rl-python schema) or --generated SEED (offline generator).`,
  );
}
