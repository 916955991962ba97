// Serves one folder read-only over HTTP (GET and HEAD, real 404s, no directory listing, no path escapes), for
// loading a model folder from disk in the browser. Node.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  json: 'application/json',
  onnx: 'application/octet-stream',
  jinja: 'text/plain',
};

export function serveFolder(folder: string) {
  const root = resolve(folder);
  return (req: IncomingMessage, res: ServerResponse, next?: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next ? next() : void res.writeHead(405).end();
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const file = resolve(root, `.${path}`);
    let size = -1;
    try {
      if (file.startsWith(root + sep)) {
        const st = statSync(file);
        if (st.isFile()) size = st.size;
      }
    } catch {
      // missing: 404 below
    }
    if (size < 0) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    const ext = file.slice(file.lastIndexOf('.') + 1);
    res.writeHead(200, { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Content-Length': size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}
