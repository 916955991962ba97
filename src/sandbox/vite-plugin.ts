// Vite plugin for the Python sandbox (Node, used by vite.config.ts): builds /sandbox.html from frame.html with
// frame.ts, worker.ts and harness.py (+ harness_reset.py) inlined, serves it with its Content-Security-Policy
// header, and self-hosts Pyodide's runtime files at /pyodide/ (CORS-open: the sandbox's requests carry
// `Origin: null`), in dev, in preview, and in the build.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { loadPyodide as LoadPyodide } from 'pyodide';
import { transformWithOxc, type Connect, type Plugin } from 'vite';
import { packSnapshot } from './snapshot-codec.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** What Pyodide needs to start offline (no packages: the standard library only). */
export const PYODIDE_FILES = [
  'pyodide.mjs',
  'pyodide.asm.js',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
] as const;

/**
 * Derived from python_stdlib.zip: the same sources plus an unchecked hash-based .pyc beside each, compiled by this
 * very Pyodide. Pyodide ships sources only, so every import compiles: start-up (about 150 modules) drops from
 * ~2.2 s to ~1 s with it, and so does each import of a module a program pulls in.
 */
export const STDLIB_PYC = 'python_stdlib_pyc.zip';

/**
 * A memory snapshot of Pyodide just started on STDLIB_PYC, made in Node at build time: an interpreter restored from
 * it skips Python's start-up (~1.5 s in Chromium here). It is only valid with the very same pyodide.asm.wasm and
 * STDLIB_PYC bytes (the heap holds zipimport's offsets into the zip), so it is cached under both. Served packed
 * (snapshot-codec.ts).
 */
export const SNAPSHOT = 'python_snapshot.bin';

const COMPILE_STDLIB = `
import zipfile, importlib.util
from importlib._bootstrap_external import _code_to_hash_pyc
src = zipfile.ZipFile('/lib/python312.zip')
with zipfile.ZipFile('/tmp/out.zip', 'w', compression=zipfile.ZIP_DEFLATED) as out:
    for info in src.infolist():
        data = src.read(info)
        out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        if info.filename.endswith('.py'):
            # The file name zipimport would compile with, so tracebacks and linecache find the source.
            code = compile(data, '/lib/python312.zip/' + info.filename, 'exec', dont_inherit=True)
            pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
            out.writestr(zipfile.ZipInfo(info.filename + 'c', info.date_time), bytes(pyc), zipfile.ZIP_DEFLATED)
`;

/** Builds STDLIB_PYC with Pyodide in Node (~5 s), cached under node_modules/.cache per Pyodide version. */
async function compileStdlib(root: string, version: string): Promise<Buffer> {
  const dir = join(root, '..', '.cache', 'arbiter-pyodide');
  const file = join(dir, `${STDLIB_PYC.replace('.zip', '')}-${version}.zip`);
  if (existsSync(file)) return readFileSync(file);
  const mod = (await import(pathToFileURL(join(root, 'pyodide.mjs')).href)) as { loadPyodide: typeof LoadPyodide };
  const py = await mod.loadPyodide({ indexURL: `${root}/` });
  py.runPython(COMPILE_STDLIB);
  const zip = Buffer.from(py.FS.readFile('/tmp/out.zip') as Uint8Array);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.tmp`, zip);
  renameSync(`${file}.tmp`, file);
  return zip;
}

/**
 * What a browser would see, not Node: Emscripten takes sys.executable from thisProgram (Node's script path) and LANG
 * from the browser's language. worker.ts sets the same LANG, so every interpreter has one environment, as in Affine's
 * python:3.12 image. sys.path: loadPyodide inserts '' again after a restore.
 */
export const SNAPSHOT_ENV = { LANG: 'C.UTF-8' };

/**
 * Builds SNAPSHOT in Node (~3 s), cached under node_modules/.cache per Pyodide version, STDLIB_PYC and harness. The
 * harness is compiled into it (`sys._arbiter_harness`, with its source: worker.ts uses the code only for that same
 * source), which takes its compile off every cold start (~0.1 s in Chromium).
 */
async function makeSnapshot(root: string, version: string, stdlib: Buffer, harness: string): Promise<Buffer> {
  const dir = join(root, '..', '.cache', 'arbiter-pyodide');
  const hash = createHash('sha256').update(stdlib).update(harness).digest('hex').slice(0, 16);
  const file = join(dir, `${SNAPSHOT.replace('.bin', '')}-${version}-${hash}.bin`);
  if (existsSync(file)) return readFileSync(file);
  const zip = join(dir, `stdlib-${hash}.zip`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(zip, stdlib);
  const mod = (await import(pathToFileURL(join(root, 'pyodide.mjs')).href)) as { loadPyodide: typeof LoadPyodide };
  const py = await mod.loadPyodide({
    indexURL: `${root}/`,
    stdLibURL: zip,
    env: SNAPSHOT_ENV,
    _sysExecutable: './this.program',
    _makeSnapshot: true,
  } as Parameters<typeof LoadPyodide>[0]);
  py.runPython("import sys; sys.path.remove('')");
  // A JSON string is a Python string literal; runPython, not a proxy: a snapshot refuses live proxies.
  py.runPython(
    `sys._arbiter_harness = (${JSON.stringify(harness)}, compile(${JSON.stringify(harness)}, ${HARNESS_NAME}, 'exec'))`,
  );
  const bytes = Buffer.from(py.makeMemorySnapshot());
  writeFileSync(`${file}.tmp`, bytes);
  renameSync(`${file}.tmp`, file);
  return bytes;
}

/** The policy for /sandbox.html served from `origin`: scripts and fetches only from the app's /pyodide/. */
export function sandboxCsp(origin: string): string {
  const base = `${origin}/pyodide/`;
  return (
    `default-src 'none'; script-src 'unsafe-inline' ${base} data: 'wasm-unsafe-eval'; worker-src data:; ` +
    `connect-src ${base}; base-uri 'none'; form-action 'none'`
  );
}

async function stripTypes(file: string): Promise<string> {
  const { code } = await transformWithOxc(readFileSync(join(HERE, file), 'utf8'), file, { lang: 'ts' });
  // Type-only imports vanish; anything else would fail in an inline script, so refuse it here.
  if (/^\s*import\s/m.test(code)) throw new Error(`${file}: the sandbox scripts must not import at run time`);
  return code.replace(/^export \{\s*\};?\s*$/m, '');
}

/** JSON is a JS string literal; escaping `<` keeps `</script>` and `<!--` out of the inline script. */
const literal = (s: string) => JSON.stringify(s).replace(/</g, '\\u003c');

/** The harness module's source: harness_reset.py continues harness.py (one module, two files by what they do). */
export const harnessSource = () =>
  ['harness.py', 'harness_reset.py'].map((f) => readFileSync(join(HERE, f), 'utf8')).join('\n\n');
/** The harness's file name in tracebacks, a Python string literal (worker.ts uses the same). */
const HARNESS_NAME = "'<sandbox harness>'";

/** /sandbox.html, self-contained. */
export async function buildSandboxHtml(): Promise<string> {
  const harness = harnessSource();
  // snapshot-codec.ts is shared with this plugin; in the worker its functions are plain declarations.
  const codec = (await stripTypes('snapshot-codec.ts')).replace(/^export /gm, '');
  const worker = `const HARNESS = ${literal(harness)};\n${codec}\n${await stripTypes('worker.ts')}`;
  const frame = `const WORKER_SOURCE = ${literal(worker)};\n${await stripTypes('frame.ts')}`;
  if (/<\/script|<!--/i.test(frame)) throw new Error('frame.ts: the inline script would end early');
  return readFileSync(join(HERE, 'frame.html'), 'utf8').replace('/*FRAME_SCRIPT*/', () => frame);
}

function originOf(req: IncomingMessage): string {
  const tls = (req.socket as { encrypted?: boolean }).encrypted;
  return `${tls ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

const contentType = (f: string) =>
  f.endsWith('.wasm')
    ? 'application/wasm'
    : f.endsWith('.json')
      ? 'application/json'
      : f.endsWith('.zip')
        ? 'application/zip'
        : 'text/javascript';

export function pyodideSandbox(): Plugin {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('pyodide/package.json'));
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const versionJson = JSON.stringify(
    {
      package: 'pyodide',
      version,
      files: PYODIDE_FILES,
      derived: {
        [STDLIB_PYC]: 'python_stdlib.zip plus a .pyc per module, compiled by this Pyodide (vite-plugin.ts)',
        [SNAPSHOT]: `memory of this Pyodide just started on ${STDLIB_PYC}, zero runs left out (snapshot-codec.ts)`,
      },
    },
    null,
    2,
  );
  let stdlibPyc: Promise<Buffer> | null = null;
  // If Pyodide cannot run here, serve the plain sources under that name: slower to start, same behaviour.
  const getStdlibPyc = () =>
    (stdlibPyc ??= compileStdlib(root, version).catch((e: unknown) => {
      console.warn(`arbiter-pyodide-sandbox: serving ${STDLIB_PYC} without bytecode (${String(e)})`);
      return readFileSync(join(root, 'python_stdlib.zip'));
    }));

  let snapshot: Promise<Uint8Array | null> | null = null;
  // Without it each interpreter starts the slow way, and the first one makes a snapshot for the others (worker.ts).
  // Served packed (snapshot-codec.ts): half the bytes.
  const getSnapshot = () =>
    (snapshot ??= getStdlibPyc()
      .then((zip) => makeSnapshot(root, version, zip, harnessSource()))
      .then((bytes) => packSnapshot(bytes))
      .catch((e: unknown) => {
        console.warn(`arbiter-pyodide-sandbox: no ${SNAPSHOT} (${String(e)}); interpreters start without it`);
        return null;
      }));

  /** Headers both servers add; in dev it also answers, in preview the built files are served after it. */
  const headers =
    (dev: boolean): Connect.NextHandleFunction =>
    (req: IncomingMessage, res: ServerResponse, next: () => void) => {
      const path = (req.url ?? '').split('?')[0]!;
      if (path === '/sandbox.html') {
        res.setHeader('Content-Security-Policy', sandboxCsp(originOf(req)));
        res.setHeader('Cache-Control', 'no-cache');
        if (!dev) return next();
        buildSandboxHtml().then(
          (html) => {
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.end(html);
          },
          (e: Error) => {
            res.statusCode = 500;
            res.end(e.message);
          },
        );
        return;
      }
      if (!path.startsWith('/pyodide/')) return next();
      const f = path.slice('/pyodide/'.length);
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      // As is, never gzipped on the fly by the preview server: on a local server that took ~65 ms of CPU per cold
      // start for pyodide.asm.js, more than sending its 1.2 MB costs.
      res.setHeader('Content-Encoding', 'identity');
      if (!dev) return next();
      if (f === 'VERSION.json') {
        res.setHeader('Content-Type', 'application/json');
        res.end(versionJson);
        return;
      }
      if (f === STDLIB_PYC) {
        getStdlibPyc().then(
          (zip) => {
            res.setHeader('Content-Type', 'application/zip');
            res.end(zip);
          },
          (e: Error) => {
            res.statusCode = 500;
            res.end(e.message);
          },
        );
        return;
      }
      if (f === SNAPSHOT) {
        void getSnapshot().then((bytes) => {
          if (!bytes) return next();
          res.setHeader('Content-Type', 'application/octet-stream');
          res.end(bytes);
        });
        return;
      }
      if (!(PYODIDE_FILES as readonly string[]).includes(f)) return next();
      res.setHeader('Content-Type', contentType(f));
      res.end(readFileSync(join(root, f)));
    };

  return {
    name: 'arbiter-pyodide-sandbox',
    configureServer(server) {
      server.middlewares.use(headers(true));
    },
    configurePreviewServer(server) {
      server.middlewares.use(headers(false));
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'sandbox.html', source: await buildSandboxHtml() });
      for (const f of PYODIDE_FILES)
        this.emitFile({ type: 'asset', fileName: `pyodide/${f}`, source: readFileSync(join(root, f)) });
      this.emitFile({ type: 'asset', fileName: `pyodide/${STDLIB_PYC}`, source: await getStdlibPyc() });
      const snap = await getSnapshot();
      if (snap) this.emitFile({ type: 'asset', fileName: `pyodide/${SNAPSHOT}`, source: snap });
      this.emitFile({ type: 'asset', fileName: 'pyodide/VERSION.json', source: versionJson });
    },
  };
}
