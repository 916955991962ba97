// Program datasets (src/shared/datasets): JSONL and Parquet import of rl-python rows, validation messages, the
// in-memory Dataset. Node realm.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DatasetFormatError,
  memoryDataset,
  parseJsonlRows,
  parseParquetRows,
  validateRow,
} from '../../src/shared/datasets';
import { writeStringParquet } from '../support/parquet-writer';

const JSONL = readFileSync(new URL('../fixtures/rl-python-mini.jsonl', import.meta.url), 'utf8');
const PARQUET = readFileSync(new URL('../fixtures/rl-python-mini.parquet', import.meta.url));
const COLUMNS = ['prompt', 'program', 'inputs', 'output', 'verification_info', 'test_cases'];

describe('parseJsonlRows', () => {
  const rows = parseJsonlRows(JSONL);

  it('reads the fixture', () => {
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({ inputs: '3\n1 2 3', output: '6\n' });
    expect(typeof rows[0].verification_info).toBe('string');
    expect(rows[7]).toMatchObject({ verification_info: '' });
    expect(typeof rows[7].test_cases).toBe('string');
  });

  it('keeps object-valued test cases as their JSON text, so 1.0 stays a float', () => {
    const vi = rows[3].verification_info as string;
    expect(typeof vi).toBe('string');
    expect(vi).toContain('"input": [1.0, 2]');
    expect(JSON.parse(vi)).toEqual(JSON.parse(JSONL.split('\n')[3]).verification_info);
    const [r] = parseJsonlRows('{"prompt": "p", "verification_info": {}, "test_cases": {"test_cases" : [ 1 , "}"]}}');
    expect(r.verification_info).toEqual({});
    expect(r.test_cases).toBe('{"test_cases" : [ 1 , "}"]}');
  });

  it('accepts CRLF and blank lines, drops unknown fields and nulls', () => {
    const rs = parseJsonlRows('\r\n{"program": "p", "extra": 1, "output": null}\r\n\r\n{"prompt": "q"}\r\n');
    expect(rs).toEqual([{ program: 'p' }, { prompt: 'q' }]);
  });

  it('names the row, line and field in errors', () => {
    expect(() => parseJsonlRows('{"program": "p"}\n{"program": 5}')).toThrow(
      /row 1 \(line 2\): field "program" must be a string or null, got a number/,
    );
    expect(() => parseJsonlRows('{"program": "p"}\n\n{oops')).toThrow(/row 1 \(line 3\): not valid JSON/);
    expect(() => parseJsonlRows('[1, 2]')).toThrow(/row 0 \(line 1\): expected an object/);
    expect(() => parseJsonlRows('{"inputs": "1"}')).toThrow(/neither "program".*nor "prompt"/);
    expect(() => parseJsonlRows('{"prompt": "p", "verification_info": 3}')).toThrow(DatasetFormatError);
    expect(() => validateRow({ prompt: 'p', test_cases: true }, 'row 9')).toThrow(/row 9: field "test_cases"/);
  });
});

describe('parseParquetRows', () => {
  it('reads the fixture Parquet file into the same rows as the JSONL', async () => {
    expect(await parseParquetRows(PARQUET)).toEqual(parseJsonlRows(JSONL));
  });

  it('the fixture file is what test/support/parquet-writer.ts makes of the JSONL', () => {
    const rows = parseJsonlRows(JSONL) as Record<string, string | undefined>[];
    expect(Buffer.from(writeStringParquet(COLUMNS, rows)).equals(PARQUET)).toBe(true);
  });

  it('validates rows and rejects non-Parquet input', async () => {
    const bad = writeStringParquet(['program', 'inputs'], [{ program: 'p' }, { inputs: 'only inputs' }]);
    await expect(parseParquetRows(bad)).rejects.toThrow(/row 1: has neither "program"/);
    await expect(parseParquetRows(new TextEncoder().encode('{"program": "p"}'))).rejects.toThrow(DatasetFormatError);
  });
});

describe('memoryDataset', () => {
  it('serves rows by index and refuses others', async () => {
    const ds = memoryDataset('mini', parseJsonlRows(JSONL));
    expect([ds.name, ds.length]).toEqual(['mini', 12]);
    expect((await ds.row(11)).output).toBe('11\n');
    await expect(ds.row(12)).rejects.toThrow(RangeError);
    await expect(ds.row(-1)).rejects.toThrow(RangeError);
  });
});
