// Program datasets for ABD, DED and PRINT: parse JSONL or Parquet in the rl-python schema, serve rows from memory.
// Both realms.

export { DatasetFormatError, memoryDataset, validateRow } from './rows.ts';
export { parseJsonlRows } from './jsonl.ts';
export { parseParquetRows } from './parquet.ts';
