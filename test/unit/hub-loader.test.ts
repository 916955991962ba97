// Downloading AffineFoundation/rl-python the way the browser does, against a local server in the Hub's layout
// (tree listing + resolve URLs): chunk files are read in name order, JSON-array and JSONL chunks both parse, and
// failures say what to do. Real HTTP on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { downloadHubDataset, RL_PYTHON } from '../../src/datasets/hub-loader.ts';

const chunks: Record<string, string> = {
  // Listed out of order on purpose: row order must follow file names.
  'data/chunk-000001.json': '{"program": "print(3)", "inputs": ""}\n{"program": "print(4)", "inputs": ""}\n',
  'data/chunk-000000.json': JSON.stringify([
    { program: 'print(1)', inputs: '' },
    { program: 'print(2)', inputs: '' },
  ]),
  'README.md': '# not a chunk',
};
let server: Server;
let host = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '';
    if (url === `/api/datasets/${RL_PYTHON}/tree/main?recursive=true`) {
      res.setHeader('Content-Type', 'application/json');
      return res.end(JSON.stringify(Object.keys(chunks).map((path) => ({ type: 'file', path }))));
    }
    const m = new RegExp(`^/datasets/${RL_PYTHON}/resolve/main/(.+)$`).exec(url);
    if (m && chunks[m[1]!] !== undefined) return res.end(chunks[m[1]!]);
    res.writeHead(404).end('Not Found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('rows come in chunk-name order with progress per file', async () => {
  const progress: string[] = [];
  const rows = await downloadHubDataset({ host, onProgress: (p) => progress.push(`${p.index}/${p.files} ${p.rows}`) });
  expect(rows.map((r) => r.program)).toEqual(['print(1)', 'print(2)', 'print(3)', 'print(4)']);
  expect(progress).toEqual(['1/2 2', '2/2 4']);
});

test('a revision without chunks, a missing repo and an unreachable host are explained', async () => {
  await expect(downloadHubDataset({ host, revision: 'v0' })).rejects.toThrow(
    /Listing AffineFoundation\/rl-python .* HTTP 404/,
  );
  await expect(downloadHubDataset({ host: 'http://127.0.0.1:9' })).rejects.toThrow(
    /Could not reach .* Import the dataset from a JSONL or Parquet file/,
  );
});
