// bench:eval — end-to-end samples/s against a local endpoint that answers instantly: in Chromium through the UI
// (IndexedDB writes included) and through the CLI (JSONL writes included), at concurrency 1 and 32, side by side.
// Target (issue 2): at least 200 samples/s at concurrency 32 in the browser.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '../../src/node/mock-endpoint.ts';
import { startAppServer } from '../support/app-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { runCli } from '../support/cli.ts';
import { startRun, waitForStatus } from '../browser/app-helpers.ts';

const TARGET = 200;
/** 'wrong' streams a fixed short reply at once: the endpoint costs as little as possible, the client is measured. */
const MODEL = 'wrong';
const N = Number(process.env.BENCH_N ?? 1000);

interface Row {
  path: string;
  concurrency: number;
  samples: number;
  /** Wall time from the Start click (or process start) to the end, start-up included. */
  seconds: number;
  /** First to last sample timestamp: the steady rate, start-up excluded. */
  steadySeconds: number;
}

function span(timestamps: number[]): number {
  return (Math.max(...timestamps) - Math.min(...timestamps)) / 1000;
}

async function main() {
  const app = await startAppServer('dist-bench');
  const mock = await startMockServer();
  const browser = await launchChromium();
  const rows: Row[] = [];
  try {
    for (const concurrency of [1, 32]) {
      const page = await (await browser.newContext()).newPage();
      const t0 = performance.now();
      const runId = await startRun(page, app.url, { baseUrl: mock.url, model: MODEL, ids: `0-${N - 1}`, concurrency });
      await waitForStatus(page, 'done', 600_000);
      const seconds = (performance.now() - t0) / 1000;
      const stamps = await page.evaluate(async (id) => {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('arbiter');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        const all = await new Promise<{ timestamp: number }[]>((res) => {
          const r = db.transaction('samples').objectStore('samples').index('by-run').getAll(id);
          r.onsuccess = () => res(r.result as { timestamp: number }[]);
        });
        return all.map((s) => s.timestamp);
      }, runId);
      if (stamps.length !== N) throw new Error(`expected ${N} stored samples, found ${stamps.length}`);
      rows.push({ path: 'browser (UI + IndexedDB)', concurrency, samples: N, seconds, steadySeconds: span(stamps) });
      await page.context().close();
    }
    const dir = mkdtempSync(join(tmpdir(), 'arbiter-bench-'));
    for (const concurrency of [1, 32]) {
      const out = join(dir, `c${concurrency}.jsonl`);
      const t0 = performance.now();
      const r = await runCli([
        'eval',
        '--endpoint',
        mock.url,
        '--model',
        MODEL,
        '--env',
        'sat',
        '--ids',
        `0-${N - 1}`,
        '--concurrency',
        String(concurrency),
        '--out',
        out,
      ]);
      if (r.code !== 0) throw new Error(`CLI failed: ${r.stderr}`);
      const stamps = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { timestamp: number }).timestamp);
      rows.push({
        path: 'CLI (Node + JSONL)',
        concurrency,
        samples: N,
        seconds: (performance.now() - t0) / 1000,
        steadySeconds: span(stamps),
      });
    }
    rmSync(dir, { recursive: true, force: true });
  } finally {
    await browser.close();
    await mock.close();
    await app.close();
  }

  const table = rows.map((r) => {
    const rate = r.samples / r.seconds;
    return {
      path: r.path,
      concurrency: r.concurrency,
      samples: r.samples,
      seconds: r.seconds.toFixed(2),
      'samples/s': rate.toFixed(1),
      'ratio to 200/s': (rate / TARGET).toFixed(2),
      'steady samples/s': (r.samples / r.steadySeconds).toFixed(1),
    };
  });
  console.log(
    `bench:eval — SAT, endpoint model '${MODEL}' (instant fixed reply), ${N} ids per row, wall time incl. page load / process start; steady = first to last sample`,
  );
  console.table(table);
  const browser32 = rows.find((r) => r.path.startsWith('browser') && r.concurrency === 32)!;
  const ok = browser32.samples / browser32.seconds >= TARGET;
  console.log(`target (browser, concurrency 32, >= ${TARGET} samples/s): ${ok ? 'met' : 'NOT met'}`);
}

await main();
