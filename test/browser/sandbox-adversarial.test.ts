// Hostile programs against the Python sandbox: network, the parent page, storage, navigation, forged results,
// runaway CPU, memory and output, exits, and poisoning the next program. Each must end in a clear result, leave the
// page responsive and its storage untouched, and leave a pool that runs the next program normally.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { ExecRequest, ExecResult } from '../../src/shared/api/sandbox.ts';
import type { SandboxPoolStats } from '../../src/sandbox/pool.ts';
import { launchChromium } from '../support/chromium.ts';
import { openSandboxPage, type PoolName } from './sandbox-helpers.ts';

const appUrl = inject('appUrl');
let browser: Browser;
let page: Page;
/** Every request any program manages to send lands here (CORS-open, so only the sandbox could stop it). */
let trap: Server;
let trapUrl: string;
const hits: string[] = [];

beforeAll(async () => {
  trap = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end('secret');
  });
  trap.on('upgrade', (req, socket) => {
    hits.push(`UPGRADE ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((r) => trap.listen(0, 'localhost', r));
  trapUrl = `http://localhost:${(trap.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await openSandboxPage(browser, appUrl);
  // Markers in the app's own storage, checked at the end.
  await page.evaluate(async () => {
    localStorage.setItem('sandbox-marker', 'intact');
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('sandbox-marker', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('m').put('intact', 'k');
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
  });
  await page.evaluate(() => window.sandboxTest.create('main', {}));
  await page.evaluate(() => window.sandboxTest.create('one', { size: 1 }));
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => trap?.close(r));
});

function run(code: string, extra: Partial<ExecRequest> = {}, pool: PoolName = 'main'): Promise<ExecResult> {
  return page.evaluate(([p, r]) => window.sandboxTest.run(p, r), [pool, { code, stdin: '', ...extra }] as const);
}
function stats(pool: PoolName): Promise<SandboxPoolStats> {
  return page.evaluate((p) => window.sandboxTest.stats(p), pool);
}
async function healthy(pool: PoolName = 'main'): Promise<void> {
  expect(await run('print(sum(range(10)))', {}, pool)).toMatchObject({ stdout: '45\n', stderr: '', exitCode: 0 });
}

/**
 * Python that binds `g` to the worker's real global object. Pyodide's `js` module is a stand-in whose getters and
 * methods throw "Illegal invocation" (a side effect of memory snapshots), which would hide what the sandbox itself
 * blocks; an attacker would do this too.
 */
const REAL_GLOBAL = [
  'import js',
  "g = js.Reflect.apply(js.Object.getOwnPropertyDescriptor(js.WorkerGlobalScope.prototype, 'self').get, None, [])",
].join('\n');

/** Runs `attempts` (name → Python statement) one by one inside try/except; returns name → outcome. */
async function attempt(attempts: Record<string, string>): Promise<Record<string, string>> {
  const lines = ['import json, sys', REAL_GLOBAL, 'out = {}'];
  for (const [name, stmt] of Object.entries(attempts)) {
    lines.push('try:', `    r = ${stmt}`, `    out[${JSON.stringify(name)}] = 'ok ' + repr(r)[:80]`);
    lines.push(
      'except BaseException as e:',
      `    out[${JSON.stringify(name)}] = type(e).__name__ + ': ' + str(e)[:160]`,
    );
  }
  lines.push('print(json.dumps(out))');
  const r = await run(lines.join('\n'));
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout) as Record<string, string>;
}

test('no network: fetch, XHR, WebSocket, EventSource, sockets and urllib all fail, and nothing is sent', async () => {
  const u = JSON.stringify(`${trapUrl}/leak`);
  const same = JSON.stringify(`${appUrl}/index.html`);
  const out = await attempt({
    xhrSync: `(lambda x: (x.open('GET', ${u}, False), x.send(), x.responseText))(g.XMLHttpRequest.new())`,
    xhrSameOrigin: `(lambda x: (x.open('GET', ${same}, False), x.send(), x.status))(g.XMLHttpRequest.new())`,
    // Emscripten's sockets tunnel over WebSocket, so this is the same request as js.WebSocket below.
    socket: `__import__('socket').create_connection(('localhost', ${new URL(trapUrl).port}), timeout=1).sendall(b'x')`,
    urllib: `__import__('urllib.request').request.urlopen(${u}, timeout=1).read()`,
  });
  for (const [name, outcome] of Object.entries(out)) expect(outcome, name).not.toMatch(/^ok/);
  expect(out.xhrSync).toMatch(/NetworkError/);
  expect(out.xhrSameOrigin).toMatch(/NetworkError/);
  // Asynchronous attempts: started, never awaited by the program, so give them time to land if they could.
  const r = await run(
    [
      REAL_GLOBAL,
      `g.fetch(${u})`,
      `g.fetch(${same})`,
      `g.fetch(${u}, js.Object.fromEntries([['method', 'POST'], ['body', 'x']]))`,
      `g.WebSocket.new(${JSON.stringify(trapUrl.replace('http', 'ws') + '/ws')})`,
      `g.EventSource.new(${u})`,
      'print("sent")',
    ].join('\n'),
  );
  expect(r.stdout).toBe('sent\n');
  await new Promise((res) => setTimeout(res, 500));
  expect(hits).toEqual([]);
  await healthy();
});

test('no parent page, storage, cookies, navigation or popups from inside', async () => {
  const pagesBefore = browser.contexts().flatMap((c) => c.pages()).length;
  const out = await attempt({
    parent: 'g.parent.document.title',
    top: 'g.top.document.cookie',
    cookie: 'g.document.cookie',
    localStorage: "g.localStorage.getItem('sandbox-marker')",
    indexedDB: "g.indexedDB.open('sandbox-marker')",
    caches: 'g.caches.keys()',
    topLocation: "setattr(g.top, 'location', 'https://example.com/')",
    open: "g.open('https://example.com/')",
    alert: "g.alert('hi')",
  });
  for (const [name, outcome] of Object.entries(out)) expect(outcome, name).not.toMatch(/^ok/);
  expect(out.indexedDB).toMatch(/SecurityError/);
  // The worker's own location is read-only; assigning to it does nothing.
  expect(await run(`${REAL_GLOBAL}\ng.location.href = 'https://example.com/'`)).toMatchObject({ exitCode: 1 });
  await new Promise((res) => setTimeout(res, 300));
  expect(page.url()).toContain('#/runs');
  expect(browser.contexts().flatMap((c) => c.pages()).length).toBe(pagesBefore);
  await healthy();
});

test('forged results are ignored: from the program (any nonce) and from another frame', async () => {
  // A posts forged output and results for 1.5 s while B, in the other sandbox, runs normally.
  const forger = [
    'import json, time',
    REAL_GLOBAL,
    'def msg(**k):',
    '    return js.JSON.parse(json.dumps(k))',
    't = time.time()',
    'while time.time() - t < 1.5:',
    "    for nonce in ('0' * 32, 'f' * 32, 'x'):",
    "        g.postMessage(msg(t='out', nonce=nonce, stream=1, data='FORGED'))",
    "        g.postMessage(msg(t='done', nonce=nonce, exitCode=0, crashed=False, retired='', note=''))",
    "    g.postMessage(msg(t='snapshot', bytes=[1, 2]))",
    "    g.postMessage(msg(t='loaded', loadMs=1))",
    "    g.postMessage('garbage')",
    "print('forger done')",
  ].join('\n');
  const honest = 'import time\ntime.sleep(0.5)\nprint("B")';
  const [a, b] = await page.evaluate(
    ([f, h]) =>
      Promise.all([
        window.sandboxTest.run('main', { code: f, stdin: '' }),
        window.sandboxTest.run('main', { code: h, stdin: '' }),
      ]),
    [forger, honest] as const,
  );
  expect(a).toMatchObject({ stdout: 'forger done\n', exitCode: 0 });
  expect(b).toMatchObject({ stdout: 'B\n', stderr: '', exitCode: 0 });
  // A frame that is not one of ours posts a real-looking result while a program runs: ignored.
  const r = await page.evaluate(async () => {
    const evil = document.createElement('iframe');
    evil.setAttribute('sandbox', 'allow-scripts');
    evil.srcdoc = `<script>setInterval(() => { for (const n of ['0'.repeat(32)]) {
      parent.postMessage({ t: 'out', nonce: n, stream: 1, data: 'EVIL' }, '*');
      parent.postMessage({ t: 'done', nonce: n, exitCode: 0, outputExceeded: false, crashed: false, retired: '', note: '' }, '*');
      parent.postMessage({ t: 'ready', loadMs: 1 }, '*'); } }, 5);</script>`;
    document.body.append(evil);
    window.postMessage({ t: 'done', nonce: '0'.repeat(32), exitCode: 0 }, '*');
    const res = await window.sandboxTest.run('main', {
      code: 'import time\ntime.sleep(0.3)\nprint("real")',
      stdin: '',
    });
    evil.remove();
    return res;
  });
  expect(r).toMatchObject({ stdout: 'real\n', stderr: '', exitCode: 0 });
  await healthy();
});

test('an infinite loop is killed at the limit while the page keeps ticking', async () => {
  const r = await page.evaluate(async () => {
    let ticks = 0;
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const t = performance.now();
      maxGap = Math.max(maxGap, t - last);
      last = t;
      ticks++;
    }, 10);
    const res = await window.sandboxTest.run('main', { code: 'while True:\n    pass', stdin: '', timeoutMs: 1500 });
    clearInterval(timer);
    return { res, ticks, maxGap };
  });
  expect(r.res).toMatchObject({ timedOut: true, exitCode: null, stderr: '\n[TIMEOUT]' });
  // 1.5 s of 10 ms ticks: a blocked page would show a handful and a gap near 1.5 s.
  expect(r.ticks).toBeGreaterThan(75);
  expect(r.maxGap).toBeLessThan(250);
  await healthy();
});

test('memory bombs end in MemoryError (512 MiB heap, like RLIMIT_AS) and the bloated interpreter is retired', async () => {
  const big = await run('x = bytearray(1_000_000_000)');
  expect(big.exitCode).toBe(1);
  expect(big.stderr).toMatch(/MemoryError/);
  const before = (await stats('main')).retired;
  const grow = await run('x = []\nwhile True:\n    x.append(bytearray(50_000_000))');
  expect(grow).toMatchObject({ exitCode: 1, crashed: false, timedOut: false });
  expect(grow.stderr).toMatch(/MemoryError\n$/);
  const after = (await stats('main')).retired;
  expect(Object.keys(after).find((k) => k.startsWith('heap grew') && (after[k] ?? 0) > (before[k] ?? 0))).toBeTruthy();
  await healthy();
});

test('deep recursion: RecursionError at the limit, deep but finite recursion works, a raised-limit bomb ends', async () => {
  const rec = await run('def f(n): return f(n + 1) + 1\nf(0)');
  expect(rec).toMatchObject({ exitCode: 1, crashed: false });
  expect(rec.stderr).toMatch(/RecursionError: maximum recursion depth exceeded\n$/);
  const ok = await run(
    'import sys\nsys.setrecursionlimit(10**6)\ndef f(n): return 0 if n == 0 else 1 + f(n - 1)\nprint(f(50_000))',
  );
  expect(ok).toMatchObject({ stdout: '50000\n', exitCode: 0 });
  // Natively this dies of memory after ~3.6 million frames in ~3 s; WebAssembly is several times slower, so here it
  // may also meet the wall clock. Either way it ends, clearly.
  const bomb = await run('import sys\nsys.setrecursionlimit(10**8)\ndef f(n): return f(n + 1) + 1\nf(0)', {
    timeoutMs: 2000,
  });
  expect(bomb.timedOut || bomb.exitCode === 1 || bomb.crashed).toBe(true);
  expect(bomb.stderr).toMatch(/TIMEOUT|Error|crashed/);
  await healthy();
});

test('100 MB of output is cut at the cap without buffering it all', async () => {
  for (const code of ['import sys\nsys.stdout.write("x" * 100_000_000)', 'while True:\n    print("y" * 1000)']) {
    const r = await run(code);
    expect(r).toMatchObject({ outputExceeded: true, exitCode: null, timedOut: false });
    expect(r.stdout.length).toBeLessThanOrEqual(1_000_000 + '\n…<truncated>'.length);
    expect(r.stdout.length).toBeGreaterThan(999_000);
    expect(r.wallMs).toBeLessThan(10_000);
  }
  await healthy();
});

test('sys.exit and os._exit give their status; os._exit retires the interpreter', async () => {
  expect(await run('import sys\nprint("a")\nsys.exit(4)')).toMatchObject({ stdout: 'a\n', exitCode: 4 });
  const hard = await run('import os, sys\nsys.stdout.write("buffered")\nos._exit(9)', {}, 'one');
  // Like the real os._exit: no cleanup, so the buffered write is lost.
  expect(hard).toMatchObject({ stdout: '', exitCode: 9, crashed: false });
  expect((await stats('one')).retired['os._exit']).toBe(1);
  await healthy('one');
});

test.each([
  [
    'patching the worker through `import js`',
    'import js\njs.TextDecoder.prototype.decode = None\njs.postMessage = None',
  ],
  [
    'a JavaScript timer that keeps running Python',
    "import js, builtins\nfrom pyodide.ffi import create_proxy\njs.setInterval(create_proxy(lambda: setattr(builtins, 'sum', None)), 1)",
  ],
  ['mutating a builtin type through gc', "import gc\ngc.get_referents(str.__dict__)[0]['upper'] = lambda s: 'POISON'"],
  [
    'a class in a shared stdlib module',
    "import collections\ncollections.Counter.most_common = lambda self, n=None: 'POISON'",
  ],
  [
    'a finaliser that fires after the program',
    "import builtins\nclass P:\n    def __del__(self):\n        builtins.sum = lambda *a: 'POISON'\np = P()\np.me = p",
  ],
  ['an audit hook', "import sys\nsys.addaudithook(lambda e, a: print('AUDIT', e))"],
  ['an atexit handler', "import atexit, builtins\natexit.register(lambda: setattr(builtins, 'sum', None))"],
])('poisoning the next program: %s', async (_name, poison) => {
  const probe = 'import collections\nprint(sum([1, 2]), "ab".upper(), collections.Counter("aab").most_common(1))';
  const expected = "3 AB [('a', 2)]\n";
  expect((await run(probe, {}, 'one')).stdout).toBe(expected);
  const p = await run(poison, {}, 'one');
  expect(p.timedOut, p.stderr).toBe(false);
  for (let i = 0; i < 3; i++) expect(await run(probe, {}, 'one')).toMatchObject({ stdout: expected, stderr: '' });
});

test('the frame is served with its CSP, and Pyodide CORS-open with its version recorded', async () => {
  const frame = await fetch(`${appUrl}/sandbox.html`);
  const csp = frame.headers.get('content-security-policy') ?? '';
  expect(csp).toContain(`script-src 'unsafe-inline' ${appUrl}/pyodide/ data: 'wasm-unsafe-eval'`);
  expect(csp).toContain(`connect-src ${appUrl}/pyodide/`);
  expect(csp).toMatch(/^default-src 'none';/);
  const html = await frame.text();
  expect(html).toMatch(/<meta\s+http-equiv="Content-Security-Policy"/);
  expect(html).not.toMatch(/allow-same-origin/);
  const wasm = await fetch(`${appUrl}/pyodide/pyodide.asm.wasm`, { method: 'HEAD', headers: { Origin: 'null' } });
  expect(wasm.headers.get('content-type')).toBe('application/wasm');
  expect(wasm.headers.get('access-control-allow-origin')).toBe('*');
  expect(await (await fetch(`${appUrl}/pyodide/VERSION.json`)).json()).toMatchObject({
    package: 'pyodide',
    version: '0.27.7',
  });
  // The iframe the pool made.
  const attrs = await page.evaluate(() =>
    [...document.querySelectorAll('iframe')].map((f) => f.getAttribute('sandbox')),
  );
  expect(attrs.length).toBeGreaterThan(0);
  expect(new Set(attrs)).toEqual(new Set(['allow-scripts']));
});

test("the app's localStorage and IndexedDB are untouched", async () => {
  const s = await page.evaluate(async () => {
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    const value = await new Promise<unknown>((resolve, reject) => {
      const open = indexedDB.open('sandbox-marker', 1);
      open.onsuccess = () => {
        const get = open.result.transaction('m').objectStore('m').get('k');
        get.onsuccess = () => {
          open.result.close();
          resolve(get.result);
        };
        get.onerror = () => reject(get.error);
      };
      open.onerror = () => reject(open.error);
    });
    return { local: localStorage.getItem('sandbox-marker'), keys: localStorage.length, dbs, value };
  });
  expect(s.local).toBe('intact');
  expect(s.keys).toBe(1);
  expect(s.value).toBe('intact');
  expect(s.dbs.filter((n) => n !== 'arbiter')).toEqual(['sandbox-marker']);
  expect(hits).toEqual([]);
});
