// Parquet import of rl-python rows (the format Hugging Face serves datasets in), through hyparquet. Both realms.

import { parquetReadObjects } from 'hyparquet';
import type { DatasetRow } from '../../../envs/types.ts';
import { DatasetFormatError, validateRow } from './rows.ts';

/**
 * Reads every row of a Parquet file and validates it. String columns arrive as strings; a struct column for
 * `verification_info` arrives as objects (INT64 as bigint, DOUBLE as number, so an integral double reads as an int).
 */
export async function parseParquetRows(buffer: ArrayBuffer | Uint8Array): Promise<DatasetRow[]> {
  const file =
    buffer instanceof Uint8Array
      ? (buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer)
      : buffer;
  let objects: Record<string, unknown>[];
  try {
    objects = await parquetReadObjects({ file });
  } catch (e) {
    throw new DatasetFormatError(`Not a readable Parquet file: ${(e as Error).message}`);
  }
  return objects.map((o, i) => validateRow(o, `row ${i}`));
}
