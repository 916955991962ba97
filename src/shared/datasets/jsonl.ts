// JSON Lines import of rl-python rows. Both realms: pure.

import type { DatasetRow } from '../../../envs/types.ts';
import { DatasetFormatError, validateRow } from './rows.ts';

/** Index just past the JSON value starting at `i` (the text is known to be valid JSON). */
function skipValue(s: string, i: number): number {
  let depth = 0;
  do {
    const c = s[i];
    if (c === '"') {
      for (i++; s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (depth === 0) {
      // a scalar at top level: runs to the next delimiter
      while (i + 1 < s.length && !/[,}\]\s]/.test(s[i + 1])) i++;
    }
    i++;
  } while (depth > 0);
  return i;
}

/** Source text of each top-level member of the JSON object `s` (valid JSON), by key. */
function memberTexts(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = s.indexOf('{') + 1;
  const ws = () => {
    while (/\s/.test(s[i] ?? '')) i++;
  };
  for (;;) {
    ws();
    if (s[i] !== '"') return out; // '}'
    const keyEnd = skipValue(s, i);
    const key = JSON.parse(s.slice(i, keyEnd)) as string;
    i = keyEnd;
    ws();
    i++; // ':'
    ws();
    const end = skipValue(s, i);
    out.set(key, s.slice(i, end));
    i = end;
    ws();
    if (s[i] === ',') i++;
  }
}

/**
 * Parses JSONL text (one row object per line; blank lines ignored, CRLF accepted) and validates each row.
 *
 * A non-empty object or array in `verification_info` / `test_cases` is kept as its JSON source text: DED parses it with
 * Python's `json.loads` semantics, which keeps `1.0` a float and big ints exact, where JSON.parse would not. Upstream
 * reads the same dict either way; empty containers stay objects because Python treats them as false.
 */
export function parseJsonlRows(text: string): DatasetRow[] {
  const rows: DatasetRow[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/\r$/, '');
    if (!line.trim()) continue;
    const where = `row ${rows.length} (line ${n + 1})`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      throw new DatasetFormatError(`${where}: not valid JSON (${(e as Error).message}).`);
    }
    const row = validateRow(raw, where);
    for (const f of ['verification_info', 'test_cases'] as const) {
      const v = row[f];
      if (typeof v === 'object' && v !== null && Object.keys(v).length > 0) {
        row[f] = memberTexts(line).get(f);
      }
    }
    rows.push(row);
  }
  return rows;
}
