// A local model host for tests: serves the tiny model as a plain folder (/tiny/), as a model whose ONNX file claims
// 20 GiB (/huge/), and in the Hub's layout (/{org}/{name}/resolve/{rev}/), answering unknown revisions the way the
// Hub does (404 with X-Error-Code: RevisionNotFound). CORS on, loopback only.
import { readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

const TINY = join(ROOT, 'public/models/arbiter/tiny-llama');

export async function startModelServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'X-Error-Code, Content-Length');
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const send = (file: string, claimBytes?: number) => {
      const full = join(TINY, file);
      if (!file || file.includes('..') || !existsSync(full)) return void res.writeHead(404).end('Not Found');
      const body = readFileSync(full);
      res.writeHead(200, { 'Content-Length': claimBytes ?? body.length });
      // A claimed size is only ever answered to HEAD: the client must refuse before downloading.
      res.end(req.method === 'HEAD' || claimBytes ? undefined : body);
    };
    let m: RegExpExecArray | null;
    if ((m = /^\/tiny\/(.+)$/.exec(path))) return send(m[1]!);
    if ((m = /^\/huge\/(.+)$/.exec(path))) return send(m[1]!, m[1]!.startsWith('onnx/') ? 20 * 2 ** 30 : undefined);
    if ((m = /^\/[\w.-]+\/[\w.-]+\/resolve\/([^/]+)\/(.+)$/.exec(path))) {
      if (m[1] !== 'main') return void res.writeHead(404, { 'X-Error-Code': 'RevisionNotFound' }).end('Invalid rev id');
      return send(m[2]!);
    }
    res.writeHead(404).end('Not Found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
