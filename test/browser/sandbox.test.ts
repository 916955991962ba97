// The Python sandbox (src/sandbox/) in Chromium with real Pyodide and real iframes: `python3 file.py` semantics
// (stdin, both streams, exit codes, warnings, tracebacks), the wall-clock limit, the output cap, parallelism, and
// that nothing one program changes reaches the next.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import type { ExecRequest, ExecResult } from '../../src/shared/api/sandbox.ts';
import type { SandboxPoolStats } from '../../src/sandbox/pool.ts';
import { launchChromium } from '../support/chromium.ts';
import { openSandboxPage, type PoolName, type PoolOptions } from './sandbox-helpers.ts';

const appUrl = inject('appUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await openSandboxPage(browser, appUrl);
  await newPool('main', {});
  await newPool('one', { size: 1 });
});
afterAll(async () => {
  await browser?.close();
});

function newPool(name: PoolName, opts: PoolOptions): Promise<void> {
  return page.evaluate(([n, o]) => window.sandboxTest.create(n, o), [name, opts] as const);
}
function run(code: string, stdin = '', extra: Partial<ExecRequest> = {}, pool: PoolName = 'main'): Promise<ExecResult> {
  return page.evaluate(([p, r]) => window.sandboxTest.run(p, r), [pool, { code, stdin, ...extra }] as const);
}
function stats(pool: PoolName): Promise<SandboxPoolStats> {
  return page.evaluate((p) => window.sandboxTest.stats(p), pool);
}

test('hello world, and stdin fed up front through input(), sys.stdin and open(0)', async () => {
  const hello = await run('print("hello, world")');
  expect(hello).toMatchObject({ stdout: 'hello, world\n', stderr: '', exitCode: 0, timedOut: false, crashed: false });
  expect((await run('n = int(input())\nprint(sum(int(input()) for _ in range(n)))', '3\n1\n2\n3\n')).stdout).toBe(
    '6\n',
  );
  expect((await run('import sys\nprint(sum(map(int, sys.stdin.read().split())))', '4 5\n6')).stdout).toBe('15\n');
  // open(0) closes fd 0 when collected; the next program still has its stdin.
  expect((await run('print(open(0).read()[::-1])', 'abc', {}, 'one')).stdout).toBe('cba\n');
  expect((await run('print(input())', 'next', {}, 'one')).stdout).toBe('next\n');
  // Past the end of stdin, input() raises EOFError as under a pipe.
  const eof = await run('input()\ninput()', 'one line\n');
  expect(eof.exitCode).toBe(1);
  expect(eof.stderr).toMatch(/EOFError: EOF when reading a line\n$/);
  // UTF-8 both ways.
  expect((await run('print(input().upper())', 'ärger ☃\n')).stdout).toBe('ÄRGER ☃\n');
});

test('stderr and exit codes follow python3: SystemExit, sys.exit("msg"), uncaught exceptions', async () => {
  expect(await run('import sys\nprint("out")\nprint("err", file=sys.stderr)\nsys.exit(3)')).toMatchObject({
    stdout: 'out\n',
    stderr: 'err\n',
    exitCode: 3,
  });
  expect(await run('import sys; sys.exit("bad input")')).toMatchObject({ stderr: 'bad input\n', exitCode: 1 });
  expect(await run('import sys; sys.exit()')).toMatchObject({ stderr: '', exitCode: 0 });
  expect(await run('raise SystemExit(256 + 7)')).toMatchObject({ exitCode: 7 });
  expect(await run('exit(2)')).toMatchObject({ exitCode: 2 });
  const boom = await run('print("before")\nraise ValueError("boom")');
  expect(boom).toMatchObject({ stdout: 'before\n', exitCode: 1, crashed: false });
  expect(boom.stderr).toMatch(/ValueError: boom\n$/);
});

test('a SyntaxWarning for "\\d" reaches stderr, on every run (Python 3.12)', async () => {
  for (let i = 0; i < 2; i++) {
    const r = await run('x = "\\d+"\nprint(x)');
    expect(r.stdout).toBe('\\d+\n');
    expect(r.stderr).toBe(`/tmp/main.py:1: SyntaxWarning: invalid escape sequence '\\d'\n  x = "\\d+"\n`);
    expect(r.exitCode).toBe(0);
  }
});

test('tracebacks read like `python3 file.py`: no sandbox frames, source lines and carets', async () => {
  const code = 'def f(x):\n    return g(x) + 1\n\ndef g(x):\n    return {}[x]\n\nprint("start")\nf("key")\n';
  const r = await run(code);
  // Verbatim from CPython 3.12 on the same file.
  expect(r.stderr).toBe(
    'Traceback (most recent call last):\n' +
      '  File "/tmp/main.py", line 8, in <module>\n' +
      '    f("key")\n' +
      '  File "/tmp/main.py", line 2, in f\n' +
      '    return g(x) + 1\n' +
      '           ^^^^\n' +
      '  File "/tmp/main.py", line 5, in g\n' +
      '    return {}[x]\n' +
      '           ~~^^^\n' +
      "KeyError: 'key'\n",
  );
  expect(r.stdout).toBe('start\n');
  // Standard-library frames show their source too (the .pyc zip keeps the sources beside the bytecode).
  expect((await run('import json\njson.loads("{")')).stderr).toContain(
    '  File "/lib/python312.zip/json/__init__.py", line 346, in loads\n    return _default_decoder.decode(s)\n',
  );
  const syntax = await run('print("ok"\n');
  expect(syntax.stderr).toBe(
    '  File "/tmp/main.py", line 1\n    print("ok"\n         ^\nSyntaxError: \'(\' was never closed\n',
  );
  expect(syntax.exitCode).toBe(1);
  const deep = await run('def f(n): return f(n + 1)\nf(0)');
  expect(deep.stderr).toMatch(/\[Previous line repeated 99\d more times\]\nRecursionError: maximum recursion depth/);
  expect(deep.crashed).toBe(false);
});

test('a timeout kills the sandbox, keeps what was printed, appends [TIMEOUT], and the pool recovers', async () => {
  const r = await run('print("partial", flush=True)\nwhile True:\n    pass', '', { timeoutMs: 1000 });
  expect(r).toMatchObject({ stdout: 'partial\n', stderr: '\n[TIMEOUT]', exitCode: null, timedOut: true });
  expect(r.wallMs).toBeGreaterThanOrEqual(1000);
  expect(r.wallMs).toBeLessThan(1500);
  expect((await run('print(6 * 7)')).stdout).toBe('42\n');
  expect((await stats('main')).sandboxesReplaced).toBeGreaterThanOrEqual(1);
});

test('output past the cap stops the program: truncated stream, outputExceeded, then business as usual', async () => {
  const r = await run('while True:\n    print("x" * 99)', '', { maxOutputBytes: 10_000 });
  expect(r.outputExceeded).toBe(true);
  expect(r.exitCode).toBeNull();
  expect(r.stdout.endsWith('\n…<truncated>')).toBe(true);
  expect(r.stdout.length - '\n…<truncated>'.length).toBeLessThanOrEqual(10_000);
  expect(r.stdout.startsWith('x'.repeat(99) + '\n')).toBe(true);
  const err = await run('import sys\nsys.stderr.write("é" * 6000)', '', { maxOutputBytes: 10_000 });
  expect(err.outputExceeded).toBe(true);
  expect(err.stderr.startsWith('é'.repeat(5000))).toBe(true);
  // Exactly at the cap is still fine.
  const exact = await run('import sys\nsys.stdout.write("y" * 10_000)', '', { maxOutputBytes: 10_000 });
  expect(exact).toMatchObject({ outputExceeded: false, exitCode: 0 });
  expect(exact.stdout.length).toBe(10_000);
  expect((await run('print("still here")')).stdout).toBe('still here\n');
});

test('the pool runs its sandboxes in parallel', async () => {
  const { size } = await stats('main');
  expect(size).toBeGreaterThanOrEqual(2);
  const code = 'import time\nt = time.time()\ntime.sleep(1)\nprint(round(time.time() - t, 1))';
  const { rs, elapsed } = await page.evaluate(
    async ([n, c]) => {
      await window.sandboxTest.pools.main!.warmUp();
      const t0 = performance.now();
      const rs = await Promise.all(
        Array.from({ length: n }, () => window.sandboxTest.run('main', { code: c, stdin: '' })),
      );
      return { rs, elapsed: performance.now() - t0 };
    },
    [size, code] as const,
  );
  expect(rs.map((r) => r.stdout)).toEqual(Array(size).fill('1.0\n'));
  // One after another would take size seconds.
  expect(elapsed).toBeLessThan(1600);
});

// Each poison is applied between two identical probes on a one-sandbox pool; the interpreter must not have been
// retired (so the reset undid it, not a restart).
test.each([
  [
    'builtins.print',
    'import builtins\nbuiltins.print = lambda *a, **k: None\nbuiltins.len = lambda x: -1',
    'print(len("abc"))',
  ],
  [
    "sys.modules['math'] and math.sqrt",
    "import sys, math\nmath.sqrt = lambda x: -1\nsys.modules['math'] = None\nsys.modules['json'] = 'poison'",
    'import math, json\nprint(math.sqrt(16), json.dumps([1]))',
  ],
  [
    'a written file',
    "open('data.txt', 'w').write('poison')\nimport os\nos.makedirs('/tmp/x/y')\nopen('/tmp/x/y/z', 'w').write('1')",
    "import os\nprint(os.path.exists('data.txt'), os.path.exists('/tmp/x'))",
  ],
  [
    'a global',
    'counter = 41\nimport builtins\nbuiltins.counter = 41',
    "print('counter' in globals(), 'counter' in dir(__builtins__))",
  ],
  ['sys.setrecursionlimit(50)', 'import sys\nsys.setrecursionlimit(50)', 'import sys\nprint(sys.getrecursionlimit())'],
  ['the working directory', "import os\nos.chdir('/tmp')", 'import os\nprint(os.getcwd())'],
  [
    'sys.stdout, sys.path and os.environ',
    "import sys, os, io\nsys.stdout = io.StringIO()\nsys.path.insert(0, '/nowhere')\nos.environ['POISON'] = '1'",
    "import sys, os\nprint(sys.path[0], 'POISON' in os.environ)",
  ],
  [
    'decimal precision and logging',
    'import decimal, logging\ndecimal.getcontext().prec = 5\nlogging.basicConfig(level=logging.DEBUG)',
    'import decimal, logging\nlogging.info("x")\nprint(decimal.Decimal(1) / decimal.Decimal(7))',
  ],
  [
    'a module file next to the script',
    "open('/tmp/heapq.py', 'w').write('x = 1')\nopen('/tmp/fractions.py', 'w').write('')",
    'import fractions\nprint(fractions.Fraction(1, 3))',
  ],
])('state isolation: %s does not reach the next program', async (_name, poison, probe) => {
  const before = await run(probe, '', {}, 'one');
  const retiredBefore = (await stats('one')).retired;
  const p = await run(poison, '', {}, 'one');
  expect(p.crashed).toBe(false);
  const after = await run(probe, '', {}, 'one');
  expect(after).toMatchObject({ stdout: before.stdout, stderr: before.stderr, exitCode: before.exitCode });
  expect(before.exitCode).toBe(0);
  expect((await stats('one')).retired).toEqual(retiredBefore);
});

test("'fresh' isolation gives every execution a new interpreter", async () => {
  await newPool('fresh', { size: 1, isolation: 'fresh' });
  const probe = 'import builtins\nprint(getattr(builtins, "mark", None))';
  await run('import builtins\nbuiltins.mark = "poison"', '', {}, 'fresh');
  expect((await run(probe, '', {}, 'fresh')).stdout).toBe('None\n');
  const s = await stats('fresh');
  expect(s.retired['fresh isolation']).toBe(2);
  expect(s.interpreterLoadMs.length).toBeGreaterThanOrEqual(2);
});

// What a program can see of its interpreter. Printed by one restored from the build's memory snapshot
// (vite-plugin.ts) and by one started the slow way (no snapshot served): they must not differ.
const ENVIRONMENT = [
  'import json, os, sys',
  'print(json.dumps([sys.path, dict(os.environ), sorted(sys.modules), os.getcwd(), sys.argv, sys.executable,',
  '                  sys.flags.inspect, sorted(os.listdir("/")), os.listdir("/tmp"), os.listdir("."),',
  '                  sorted(k for k in vars(sys) if "arbiter" in k)]))',
].join('\n');

/** ENVIRONMENT's output from a one-sandbox pool in a new context, and the snapshot responses that context saw. */
async function environmentIn(prepare: (context: BrowserContext) => Promise<void>) {
  const statuses: number[] = [];
  const p = await openSandboxPage(browser, appUrl, async (ctx) => {
    await prepare(ctx);
    ctx.on('response', (r) => {
      if (r.url().endsWith('/pyodide/python_snapshot.bin')) statuses.push(r.status());
    });
  });
  try {
    const result = await p.evaluate(async (code) => {
      await window.sandboxTest.create('one', { size: 1 });
      return window.sandboxTest.run('one', { code, stdin: '' });
    }, ENVIRONMENT);
    return { result, statuses };
  } finally {
    await p.context().close();
  }
}

test('restored from the build snapshot, started without one, or after a cut download: one interpreter', async () => {
  const restored = await environmentIn(async () => {});
  const plain = await environmentIn(async (ctx) => {
    await ctx.route('**/pyodide/python_snapshot.bin', (route) => route.fulfill({ status: 404 }));
  });
  // A download cut short does not unpack: that interpreter starts the slow way too.
  const cut = await environmentIn(async (ctx) => {
    await ctx.route('**/pyodide/python_snapshot.bin', async (route) => {
      const full = await (await route.fetch()).body();
      await route.fulfill({ status: 200, body: full.subarray(0, full.length >> 1) });
    });
  });
  expect(restored.statuses).toEqual([200]);
  expect(plain.statuses).toEqual([404]);
  expect(cut.statuses).toEqual([200]);
  expect(plain.result).toMatchObject({ stderr: '', exitCode: 0 });
  expect(restored.result).toMatchObject({ stdout: plain.result.stdout, stderr: '', exitCode: 0 });
  expect(cut.result).toMatchObject({ stdout: plain.result.stdout, stderr: '', exitCode: 0 });
  const [path, env, , , , , , , , , leftovers] = JSON.parse(plain.result.stdout) as [
    string[],
    Record<string, string>,
    ...unknown[],
  ];
  // The harness compiled into the build's snapshot (sys._arbiter_harness) is gone before any program runs.
  expect(leftovers).toEqual([]);
  // As under `python3 file.py`: the script's folder first, then the standard library, each once.
  expect(path.slice(1)).toEqual([
    '/lib/python312.zip',
    '/lib/python3.12',
    '/lib/python3.12/lib-dynload',
    '/lib/python3.12/site-packages',
  ]);
  expect(env.LANG).toBe('C.UTF-8');
});
