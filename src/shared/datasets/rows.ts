// Program datasets in the AffineFoundation/rl-python schema (docs/affine-envs.md §4): row validation and an in-memory
// `Dataset`. Both realms: pure.

import type { Dataset, DatasetRow } from '../../../envs/types.ts';

/** A file or row does not fit the rl-python schema; the message names the row and the field. */
export class DatasetFormatError extends Error {
  override name = 'DatasetFormatError';
  readonly code = 'dataset_format';
}

/** Fields that must be strings (or null/absent) when present. */
const STRING_FIELDS = ['program', 'inputs', 'output', 'prompt'] as const;
/** Fields that may hold a JSON string or an object (`{"test_cases": [...]}`). */
const CASE_FIELDS = ['verification_info', 'test_cases'] as const;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Checks one parsed row and keeps only the schema's fields. `where` names it in errors ("row 3 (line 4)"). A row must
 * be an object with a `program` (ABD, PRINT) or a `prompt` (DED); the string fields must be strings or null.
 */
export function validateRow(raw: unknown, where: string): DatasetRow {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DatasetFormatError(`${where}: expected an object with rl-python fields, got ${describe(raw)}.`);
  }
  const src = raw as Record<string, unknown>;
  const row: DatasetRow = {};
  for (const f of STRING_FIELDS) {
    const v = src[f];
    if (v === undefined) continue;
    if (v !== null && typeof v !== 'string') {
      throw new DatasetFormatError(`${where}: field "${f}" must be a string or null, got ${describe(v)}.`);
    }
    if (v !== null) row[f] = v;
  }
  for (const f of CASE_FIELDS) {
    const v = src[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'object') {
      throw new DatasetFormatError(
        `${where}: field "${f}" must be a JSON string or an object with "test_cases", got ${describe(v)}.`,
      );
    }
    row[f] = v;
  }
  if (row.program === undefined && row.prompt === undefined) {
    throw new DatasetFormatError(
      `${where}: has neither "program" (ABD, PRINT) nor "prompt" (DED); is this an rl-python file?`,
    );
  }
  return row;
}

/** A `Dataset` over rows already in memory. `row(i)` throws RangeError outside 0..length-1. */
export function memoryDataset(name: string, rows: readonly DatasetRow[]): Dataset {
  return {
    name,
    length: rows.length,
    async row(index: number): Promise<DatasetRow> {
      if (!Number.isInteger(index) || index < 0 || index >= rows.length) {
        throw new RangeError(`Row ${index} is outside dataset "${name}" (${rows.length} rows).`);
      }
      return rows[index];
    },
  };
}
