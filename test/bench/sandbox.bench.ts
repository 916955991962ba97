// bench:sandbox — the Python sandbox (src/sandbox/) against native CPython on one fixed set of generated
// stdin→stdout programs (src/shared/progen, seeds 0..N-1): (a) a warm SandboxPool in Chromium, (b) one `python3
// file.py` process per program, as Affine's executor runs them, with as many at once as there are cores. Both must
// print the same stdout for every program. Also: the sandbox cold start (in a new browser context, so nothing is
// cached: a new pool → its first result; the app's page load before it is printed beside) and the cost of one
// execution in each isolation mode.
// Targets: sandbox programs/s ≥ 1× native; sandbox cold start < 3 s (median).
// Knobs: BENCH_PROGRAMS (default 240), BENCH_PYTHON (interpreter; default the first CPython 3.12 found, else
// python3), BENCH_FRESH_PROGRAMS (how many also go through a 'fresh'-isolation pool; default 60), BENCH_COLD_RUNS
// (cold starts, each in a new context; default 9).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright';
import { generateProgram } from '../../src/shared/progen/index.ts';
import type { ExecRequest, ExecResult } from '../../src/shared/api/sandbox.ts';
import type { SandboxPool, SandboxPoolOptions, SandboxPoolStats } from '../../src/sandbox/pool.ts';
import { startAppServer } from '../support/app-server.ts';
import { chromiumPath, launchChromium } from '../support/chromium.ts';

const N = Number(process.env.BENCH_PROGRAMS ?? 240);
const FRESH_N = Number(process.env.BENCH_FRESH_PROGRAMS ?? 60);
const CORES = cpus().length;
const COLD_TARGET_MS = 3000;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);

interface Prog {
  code: string;
  stdin: string;
}
interface Native {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/** A real CPython binary (not a version-manager shim, whose start-up would be charged to native), 3.12 preferred. */
function findPython(): { path: string; version: string } {
  const globbed = ['.pyenv/versions', '.local/share/uv/python']
    .map((d) => join(homedir(), d))
    .filter(existsSync)
    .flatMap((d) => readdirSync(d).map((v) => join(d, v, 'bin', 'python3')));
  const candidates = [process.env.BENCH_PYTHON, 'python3.12', ...globbed, 'python3'].filter(Boolean) as string[];
  const found: { path: string; version: string }[] = [];
  for (const c of candidates) {
    try {
      const out = execFileSync(c, ['-c', 'import sys; print(sys.executable); print(sys.version.split()[0])'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).split('\n');
      found.push({ path: out[0]!, version: out[1]! });
      if (c === process.env.BENCH_PYTHON) break;
    } catch {
      // Not installed: try the next.
    }
  }
  const pick = process.env.BENCH_PYTHON ? found[0] : (found.find((f) => f.version.startsWith('3.12.')) ?? found[0]);
  if (!pick) throw new Error('No python3 found: install CPython 3.12 or set BENCH_PYTHON.');
  return pick;
}

function runNative(python: string, dir: string, i: number, p: Prog): Promise<Native> {
  const file = join(dir, `prog${i}.py`);
  writeFileSync(file, p.code);
  return new Promise((resolve, reject) => {
    const child = spawn(python, [file], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), exitCode: code }),
    );
    child.stdin.end(p.stdin);
  });
}

async function native(python: string, progs: Prog[]): Promise<{ results: Native[]; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sandbox-'));
  const results: Native[] = new Array(progs.length);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CORES }, async () => {
      for (let i = next++; i < progs.length; i = next++) results[i] = await runNative(python, dir, i, progs[i]!);
    }),
  );
  const ms = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  return { results, ms };
}

declare global {
  interface Window {
    benchPools: Record<string, SandboxPool>;
  }
}

/** Runs `progs` through the page's pool `name` all at once (the pool queues them); wall time in the page. */
function sandboxRun(page: Page, name: string, progs: ExecRequest[]): Promise<{ results: ExecResult[]; ms: number }> {
  return page.evaluate(
    async ([n, ps]) => {
      const pool = window.benchPools[n]!;
      await pool.warmUp();
      const t0 = performance.now();
      const results = await Promise.all(ps.map((p) => pool.run(p)));
      return { results, ms: performance.now() - t0 };
    },
    [name, progs] as const,
  );
}

function createPool(page: Page, name: string, opts: Omit<SandboxPoolOptions, 'container'>): Promise<void> {
  return page.evaluate(
    async ([n, o]) => {
      const { SandboxPool: Pool } = (window as unknown as { __arbiter: { SandboxPool: typeof SandboxPool } }).__arbiter;
      window.benchPools ??= {};
      window.benchPools[n] = new Pool(o);
      await window.benchPools[n].warmUp();
    },
    [name, opts] as const,
  );
}

/** Mean wall time of `count` sequential no-op executions on a one-sandbox pool: the per-execution overhead. */
async function overhead(page: Page, name: string, count: number): Promise<number> {
  return page.evaluate(
    async ([n, c]) => {
      const pool = window.benchPools[n]!;
      await pool.warmUp();
      const t0 = performance.now();
      for (let i = 0; i < c; i++) await pool.run({ code: 'pass', stdin: '' });
      return (performance.now() - t0) / c;
    },
    [name, count] as const,
  );
}

interface Cold {
  pageMs: number;
  sandboxMs: number;
  stats: SandboxPoolStats;
  page: Page | null;
}

/**
 * One cold start in a new browser context (empty HTTP cache, no storage): the app page loads, then a sandbox pool is
 * created and runs one program. Its context is closed if `close` (the last one carries on with the timed passes).
 */
async function coldStart(browser: Browser, url: string, close: boolean): Promise<Cold> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(`${url}/#/runs`);
  await page.waitForFunction(() => '__arbiter' in window);
  const pageMs = performance.now() - t0;
  const first = await page.evaluate(async () => {
    const { SandboxPool: Pool } = (window as unknown as { __arbiter: { SandboxPool: typeof SandboxPool } }).__arbiter;
    window.benchPools = { main: new Pool({}) };
    const t = performance.now();
    const result = await window.benchPools.main.run({ code: 'print(6 * 7)', stdin: '' });
    return { result, ms: performance.now() - t, stats: window.benchPools.main.stats() };
  });
  if (first.result.stdout !== '42\n') throw new Error(`first result: ${JSON.stringify(first.result)}`);
  if (close) await context.close();
  return { pageMs, sandboxMs: first.ms, stats: first.stats, page: close ? null : page };
}

interface RawCold {
  sandboxMs: number;
  readyMs: number;
  loadMs: number;
}

/**
 * One sandbox cold start in a Chromium with no tool attached (a new process and profile: nothing cached). The bench
 * page (pages/cold-start.ts) posts its timings to a server of ours; Chromium is started as the CLI's is, minus
 * Playwright.
 */
async function rawColdStart(appUrl: string): Promise<RawCold> {
  const profile = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  let chrome: ChildProcess | null = null;
  try {
    const body = await new Promise<string>((resolve, reject) => {
      const server = createServer((req, res) => {
        let data = '';
        req.on('data', (d: Buffer) => (data += d.toString()));
        req.on('end', () => {
          res.writeHead(204, { 'Access-Control-Allow-Origin': '*' }).end();
          server.close();
          resolve(data);
        });
      });
      server.listen(0, 'localhost', () => {
        const report = `http://localhost:${(server.address() as AddressInfo).port}/`;
        const url = `${appUrl}/test/bench/pages/cold-start.html?report=${encodeURIComponent(report)}`;
        chrome = spawn(
          chromiumPath(),
          [
            '--headless',
            '--no-sandbox',
            '--enable-unsafe-webgpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            `--user-data-dir=${profile}`,
            url,
          ],
          { stdio: 'ignore', detached: true },
        );
        chrome.on('error', reject);
      });
      setTimeout(() => reject(new Error('no cold-start report within 60 s')), 60_000).unref();
    });
    const r = JSON.parse(body) as Partial<RawCold> & { stdout?: string; error?: string };
    if (r.error || r.stdout !== '42\n') throw new Error(`cold-start page: ${body}`);
    return { sandboxMs: r.sandboxMs!, readyMs: r.readyMs!, loadMs: r.loadMs! };
  } finally {
    const c = chrome as ChildProcess | null;
    if (c?.pid && c.exitCode === null) {
      const exited = new Promise((resolve) => c.once('exit', resolve));
      process.kill(-c.pid, 'SIGKILL'); // the whole group: its helper processes still write to the profile
      await exited;
    }
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchSandbox(): Promise<boolean> {
  const progs: Prog[] = Array.from({ length: N }, (_, seed) => {
    const g = generateProgram(seed);
    return { code: g.program, stdin: g.inputs };
  });
  const python = findPython();
  console.log(`\n${N} generated programs (progen seeds 0..${N - 1}); native ${python.path} (${python.version})`);
  const nat = await native(python.path, progs);

  const app = await startAppServer({
    outDir: 'dist-bench',
    quiet: true,
    extraPages: ['test/bench/pages/cold-start.html'],
  });
  const raw: RawCold[] = [];
  for (let i = 0; i < COLD_RUNS; i++) raw.push(await rawColdStart(app.url));
  const browser = await launchChromium();
  try {
    const cold: Cold[] = [];
    for (let i = 0; i < COLD_RUNS; i++) cold.push(await coldStart(browser, app.url, i < COLD_RUNS - 1));
    const page = cold.at(-1)!.page!;
    const coldMs = median(raw.map((c) => c.sandboxMs));
    const pwColdMs = median(cold.map((c) => c.sandboxMs));
    const pwTotalMs = median(cold.map((c) => c.pageMs + c.sandboxMs));

    const asReq = (p: Prog): ExecRequest => ({ code: p.code, stdin: p.stdin });
    await sandboxRun(page, 'main', progs.slice(0, 20).map(asReq)); // warm-up: first imports of shared modules
    const sb = await sandboxRun(page, 'main', progs.map(asReq));
    const mainStats: SandboxPoolStats = await page.evaluate(() => window.benchPools.main!.stats());

    await createPool(page, 'fresh', { isolation: 'fresh' });
    const fr = await sandboxRun(page, 'fresh', progs.slice(0, FRESH_N).map(asReq));
    await createPool(page, 'one', { size: 1 });
    await createPool(page, 'oneFresh', { size: 1, isolation: 'fresh' });
    const perReset = await overhead(page, 'one', 50);
    const perFresh = await overhead(page, 'oneFresh', 20);

    const bad: string[] = [];
    const check = (results: ExecResult[], label: string) =>
      results.forEach((r, i) => {
        const n = nat.results[i]!;
        if (r.stdout !== n.stdout || r.exitCode !== n.exitCode || r.stderr !== n.stderr)
          bad.push(
            `${label} seed ${i}: sandbox ${JSON.stringify(r).slice(0, 300)}\n  native ${JSON.stringify(n).slice(0, 300)}`,
          );
      });
    check(sb.results, 'reset');
    check(fr.results, 'fresh');
    const nativeFailures = nat.results.filter((r) => r.exitCode !== 0 || r.stderr).length;

    const rate = (count: number, ms: number) => (count * 1000) / ms;
    const nativeRate = rate(N, nat.ms);
    const sbRate = rate(N, sb.ms);
    const frRate = rate(FRESH_N, fr.ms);
    const rows: [string, number, number, string][] = [
      [`native: python3 file.py, ${CORES} at a time`, N, nat.ms, '1.00x'],
      [`sandbox, 'reset' (default), pool of ${mainStats.size}`, N, sb.ms, `${(sbRate / nativeRate).toFixed(2)}x`],
      [`sandbox, 'fresh', pool of ${mainStats.size} + spares`, FRESH_N, fr.ms, `${(frRate / nativeRate).toFixed(2)}x`],
    ];
    console.log(`\n| ${'path'.padEnd(44)} | programs | wall ms | programs/s | vs native |`);
    console.log(`|${'-'.repeat(46)}|----------|---------|------------|-----------|`);
    for (const [name, count, ms, ratio] of rows)
      console.log(
        `| ${name.padEnd(44)} | ${String(count).padStart(8)} | ${ms.toFixed(0).padStart(7)} | ` +
          `${rate(count, ms).toFixed(1).padStart(10)} | ${ratio.padStart(9)} |`,
      );
    console.log(
      `\nper execution, one sandbox, no-op program (round trip + reset): 'reset' ${perReset.toFixed(1)} ms, ` +
        `'fresh' ${perFresh.toFixed(1)} ms`,
    );
    console.log(`\nsandbox cold starts, nothing cached (median of ${COLD_RUNS} each):`);
    console.log(
      '| browser                           | page load ms | new pool → first result ms | → ready ms | load ms |',
    );
    console.log(
      '|-----------------------------------|--------------|----------------------------|------------|---------|',
    );
    const coldRow = (who: string, page: string, c: RawCold) =>
      console.log(
        `| ${who.padEnd(33)} | ${page.padStart(12)} | ${c.sandboxMs.toFixed(0).padStart(26)} | ` +
          `${String(c.readyMs).padStart(10)} | ${String(c.loadMs).padStart(7)} |`,
      );
    raw.forEach((c) => coldRow('Chromium, new profile', '', c));
    cold.forEach((c) =>
      coldRow('Chromium under Playwright, new ctx', c.pageMs.toFixed(0), {
        sandboxMs: c.sandboxMs,
        readyMs: c.stats.coldStartMs ?? NaN,
        loadMs: c.stats.interpreterLoadMs[0] ?? NaN,
      }),
    );
    console.log(
      `sandbox cold start ${coldMs.toFixed(0)} ms (median, Chromium with no tool attached); under Playwright ` +
        `${pwColdMs.toFixed(0)} ms, ${pwTotalMs.toFixed(0)} ms with the app's page load before it`,
    );
    console.log(
      `retired interpreters in the timed 'reset' pass: ${JSON.stringify(mainStats.retired)}; ` +
        `native runs with an error or stderr: ${nativeFailures}`,
    );
    if (bad.length) console.log(`\nMISMATCHES (${bad.length}):\n${bad.slice(0, 10).join('\n')}`);
    else
      console.log(`\nstdout, stderr and exit status identical for all ${N} programs (and the ${FRESH_N} 'fresh' ones)`);
    const ratio = sbRate / nativeRate;
    const ok = bad.length === 0 && ratio >= 1 && coldMs < COLD_TARGET_MS;
    console.log(
      `sandbox/native = ${ratio.toFixed(2)}x (target ≥ 1x): ${ratio >= 1 ? 'met' : 'MISSED'}; ` +
        `sandbox cold start ${(coldMs / 1000).toFixed(2)} s (target < ${COLD_TARGET_MS / 1000} s): ` +
        `${coldMs < COLD_TARGET_MS ? 'met' : 'MISSED'}`,
    );
    return ok;
  } finally {
    await browser.close();
    await app.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchSandbox().then(
    (met) => (process.exitCode = met ? 0 : 1),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
