// Bench page for bench:sandbox: creates a SandboxPool, runs one program, and posts the timings to the URL in
// ?report= (the bench's own little server). Loaded by a Chromium started without DevTools attached: Playwright's
// network instrumentation keeps a copy of every response body, ~37 MB for a cold start, which no user's browser pays.
import { SandboxPool } from '../../../src/sandbox/pool.ts';

const report = new URLSearchParams(location.search).get('report');

async function main(): Promise<unknown> {
  const pageMs = performance.now();
  const pool = new SandboxPool({});
  const t0 = performance.now();
  const first = await pool.run({ code: 'print(6 * 7)', stdin: '' });
  const sandboxMs = performance.now() - t0;
  const s = pool.stats();
  return { pageMs, sandboxMs, readyMs: s.coldStartMs, loadMs: s.interpreterLoadMs[0] ?? null, stdout: first.stdout };
}

if (report)
  void main().then(
    (r) => fetch(report, { method: 'POST', body: JSON.stringify(r) }),
    (e: unknown) => fetch(report, { method: 'POST', body: JSON.stringify({ error: String(e) }) }),
  );
