// Downloads a program dataset from the Hugging Face Hub in the browser: lists the repo's chunk files
// (chunk-NNNNNN.json, rows in file-name order as the `datasets` library materialises them), fetches each with
// progress, and parses the rows. UI realm; the caller stores them (src/storage/datasets.ts).
import type { DatasetRow } from '../../envs/types.ts';

export const RL_PYTHON = 'AffineFoundation/rl-python';

export interface HubDatasetOptions {
  repo?: string;
  revision?: string;
  /** The Hub or a mirror with the same URL layout. */
  host?: string;
  onProgress?: (p: { file: string; index: number; files: number; rows: number }) => void;
  signal?: AbortSignal;
}

/** Rows of one chunk file: a JSON array of rows, or one JSON object per line. */
export function parseChunk(text: string, file: string): DatasetRow[] {
  const t = text.trim();
  if (!t) return [];
  if (t.startsWith('[')) {
    const rows = JSON.parse(t) as unknown;
    if (!Array.isArray(rows)) throw new Error(`${file} is not a JSON array of rows.`);
    return rows as DatasetRow[];
  }
  return t.split('\n').map((line, i) => {
    try {
      return JSON.parse(line) as DatasetRow;
    } catch {
      throw new Error(`${file} line ${i + 1} is not JSON.`);
    }
  });
}

export async function downloadHubDataset(opts: HubDatasetOptions = {}): Promise<DatasetRow[]> {
  const repo = opts.repo ?? RL_PYTHON;
  const revision = encodeURIComponent(opts.revision ?? 'main');
  const host = (opts.host ?? 'https://huggingface.co').replace(/\/$/, '');
  let list: Response;
  try {
    list = await fetch(`${host}/api/datasets/${repo}/tree/${revision}?recursive=true`, { signal: opts.signal });
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    throw new Error(`Could not reach ${host} (offline?). Import the dataset from a JSONL or Parquet file instead.`, {
      cause: e,
    });
  }
  if (!list.ok) throw new Error(`Listing ${repo} on ${host} failed with HTTP ${list.status}.`);
  const entries = (await list.json()) as { type: string; path: string }[];
  const files = entries
    .filter((e) => e.type === 'file' && /(^|\/)chunk-\d+\.json$/.test(e.path))
    .map((e) => e.path)
    .sort();
  if (files.length === 0) throw new Error(`${repo} has no chunk-NNNNNN.json files at ${opts.revision ?? 'main'}.`);
  const rows: DatasetRow[] = [];
  for (const [index, file] of files.entries()) {
    const res = await fetch(`${host}/datasets/${repo}/resolve/${revision}/${file}`, { signal: opts.signal });
    if (!res.ok) throw new Error(`Downloading ${file} failed with HTTP ${res.status}.`);
    rows.push(...parseChunk(await res.text(), file));
    opts.onProgress?.({ file, index: index + 1, files: files.length, rows: rows.length });
  }
  return rows;
}
