// Worker realm: the data: module worker inside the sandbox frame. Loads Pyodide from the app's /pyodide/, runs one
// program per 'run' message through harness.py, streams both output streams to the frame, and says whether this
// interpreter may be reused. Inlined into /sandbox.html by vite-plugin.ts (no runtime imports).
import type { loadPyodide as LoadPyodide } from 'pyodide';
import type { packSnapshot as PackSnapshot, unpackSnapshot as UnpackSnapshot } from './snapshot-codec.ts';
import type { PyProxy } from 'pyodide/ffi';
import type { FrameToWorker, WorkerToFrame } from './protocol.ts';

/** harness.py's source, prepended by vite-plugin.ts. */
declare const HARNESS: string;
/** snapshot-codec.ts, inlined before this file by vite-plugin.ts. */
declare const packSnapshot: typeof PackSnapshot;
declare const unpackSnapshot: typeof UnpackSnapshot;

type Pyodide = Awaited<ReturnType<typeof LoadPyodide>>;
interface Scope {
  postMessage(message: WorkerToFrame, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<FrameToWorker>) => void): void;
}

const scope = globalThis as unknown as Scope;
// Bound once, before any program runs: a program that reaches JavaScript may replace the globals, not these.
const post = scope.postMessage.bind(scope);
const now = performance.now.bind(performance);
const MAX_CHUNK_CHARS = 65_536; // protocol.ts
// Output goes out at once unless the last message left less than this ago; then it waits for the next write or the
// end. Batches chatty programs, and still shows what a program printed before hanging.
const FLUSH_MS = 5;
/** A heap grown past this is not reused (wasm memory never shrinks). */
const RETIRE_HEAP_BYTES = 256 * 2 ** 20;

interface Run {
  nonce: string;
  stdin: Uint8Array;
  pos: number;
  cap: number;
  bytes: [number, number, number];
  decoders: [null, TextDecoder, TextDecoder];
  pending: [string, string, string];
  lastFlush: number;
  exceeded: boolean;
}

let py: Pyodide | null = null;
let harness: PyProxy | null = null;
let cur: Run | null = null;

function sendPending(r: Run): void {
  for (const stream of [1, 2] as const) {
    let s = r.pending[stream];
    r.pending[stream] = '';
    while (s.length > 0) {
      let cut = Math.min(s.length, MAX_CHUNK_CHARS);
      // Never split a surrogate pair across two messages.
      if (cut < s.length && (s.charCodeAt(cut - 1) & 0xfc00) === 0xd800) cut--;
      post({ t: 'out', nonce: r.nonce, stream, data: s.slice(0, cut) });
      s = s.slice(cut);
    }
  }
  r.lastFlush = now();
}

/** Counts the bytes Python writes to fd 1 or 2; past the cap, forwards what fits and asks the frame to kill us. */
function onWrite(stream: 1 | 2, buf: Uint8Array): number {
  const r = cur;
  if (!r || r.exceeded) return buf.length;
  const room = Math.max(0, r.cap - r.bytes[stream]);
  r.bytes[stream] += buf.length;
  r.pending[stream] += r.decoders[stream].decode(buf.length <= room ? buf : buf.subarray(0, room), { stream: true });
  if (r.bytes[stream] > r.cap) {
    r.exceeded = true;
    sendPending(r);
    post({ t: 'exceeded', nonce: r.nonce });
  } else if (r.pending[stream].length >= MAX_CHUNK_CHARS || now() - r.lastFlush >= FLUSH_MS) sendPending(r);
  return buf.length;
}

function onRead(buf: Uint8Array): number {
  const r = cur;
  if (!r) return 0;
  const n = Math.min(buf.length, r.stdin.length - r.pos);
  buf.set(r.stdin.subarray(r.pos, r.pos + n));
  r.pos += n;
  return n;
}

/** Caps the wasm heap like Affine's 512 MiB RLIMIT_AS: past it malloc fails and Python raises MemoryError. */
function capWasmMemory(maxBytes: number): void {
  const Memory = WebAssembly.Memory;
  const maxPages = Math.floor(maxBytes / 65_536);
  const Capped = function (desc: WebAssembly.MemoryDescriptor) {
    const maximum = Math.min(desc.maximum ?? maxPages, maxPages);
    return new Memory({ ...desc, initial: Math.min(desc.initial, maximum), maximum });
  };
  Capped.prototype = Memory.prototype;
  (WebAssembly as { Memory: unknown }).Memory = Capped;
}

type PyodideModule = { loadPyodide: typeof LoadPyodide };
interface Downloads {
  mod: Promise<PyodideModule>;
  /** Settled at the response's headers: null when the server has no snapshot, else its packed bytes to come. */
  snapshot: Promise<{ bytes: Promise<Uint8Array> } | null> | null;
}
let downloads: Downloads | null = null;

/** The build's snapshot (vite-plugin.ts SNAPSHOT): null when the server has none, or it cannot be fetched. */
function snapshotDownload(base: string): Downloads['snapshot'] {
  return fetch(`${base}python_snapshot.bin`).then(
    (res) => {
      if (!res.ok) return null;
      const bytes = res.arrayBuffer().then((b) => new Uint8Array(b));
      bytes.catch(() => {}); // reported by load(), which awaits it
      return { bytes };
    },
    () => null,
  );
}

/**
 * Starts downloading Pyodide's two scripts and, for a frame's first interpreter, the build's snapshot (vite-plugin.ts,
 * packed: snapshot-codec.ts), which it then shares with the frame: on 'prefetch', while the frame still waits for
 * its settings, or on 'load'. Pyodide's own script defines _createPyodideModule, which loadPyodide then reuses (or
 * awaits: an import of the same URL).
 */
function download(base: string, snapshot: boolean): Downloads {
  if (downloads) return downloads;
  const mod = import(/* @vite-ignore */ base + 'pyodide.mjs') as Promise<PyodideModule>;
  mod.catch(() => {}); // reported by load(), which awaits it
  // Its errors reach loadPyodide, which imports the same URL.
  import(/* @vite-ignore */ base + 'pyodide.asm.js').catch(() => {});
  return (downloads = {
    mod,
    snapshot: snapshot ? snapshotDownload(base) : null,
  });
}

async function load(m: Extract<FrameToWorker, { t: 'load' }>): Promise<void> {
  const t0 = now();
  capWasmMemory(m.maxMemoryBytes);
  const d = download(m.base, m.makeSnapshot && !m.snapshot);
  const mod = await d.mod;
  // loadPyodide awaits the snapshot itself: Pyodide's wasm and standard library download meanwhile. Only whether
  // there is one must be known first (from the headers): without one this interpreter starts plainly.
  const pending = m.snapshot ? { bytes: Promise.resolve(m.snapshot) } : await d.snapshot;
  let packed = null as Uint8Array | null;
  const restore = pending?.bytes.then((p) => {
    packed = p;
    return unpackSnapshot(p); // a buffer of its own for Pyodide; the frame keeps the packed bytes, half the size
  });
  const quiet = () => {};
  const options = {
    indexURL: m.base,
    // Sources plus bytecode (vite-plugin.ts): start-up and every stdlib import skip compiling.
    stdLibURL: `${m.base}python_stdlib_pyc.zip`,
    env: { LANG: 'C.UTF-8' }, // vite-plugin.ts SNAPSHOT_ENV
    stdout: quiet,
    stderr: quiet,
  };
  const plain = m.makeSnapshot ? { _makeSnapshot: true } : {};
  try {
    py = await mod.loadPyodide({ ...options, ...(restore ? { _loadSnapshot: restore } : plain) });
  } catch (e) {
    if (!restore) throw e;
    // A snapshot that did not download, unpack or restore: start plainly instead (and make one for the frame).
    console.warn(`Python sandbox: no snapshot (${e instanceof Error ? e.message : String(e)}); starting without it`);
    packed = null;
    py = await mod.loadPyodide({ ...options, ...plain });
  }
  if (m.makeSnapshot) {
    // Restoring inserts '' into sys.path again (as the build's snapshot is made: vite-plugin.ts).
    if (!packed) py.runPython("import sys; sys.path.remove('')");
    const bytes = packed ?? packSnapshot(py.makeMemorySnapshot());
    if (!packed) py.runPython("sys.path.insert(0, '')");
    post({ t: 'snapshot', bytes }, [bytes.buffer]);
  }
  py.setStdin({ read: onRead, isatty: false });
  py.setStdout({ write: (b) => onWrite(1, b), isatty: false });
  py.setStderr({ write: (b) => onWrite(2, b), isatty: false });
  const ns = runHarness(py);
  (ns.get('setup') as () => void)();
  harness = ns;
  post({ t: 'loaded', loadMs: now() - t0 });
}

/**
 * Runs harness.py in a new namespace and returns it. The build's snapshot holds the harness compiled
 * (`sys._arbiter_harness`, vite-plugin.ts makeSnapshot): used when its source is this very HARNESS, else it is
 * compiled here; dropped from sys either way. Through proxies, not runPython: Pyodide's runPython parses and
 * rewrites its source in Python first (~0.2 s of a cold start for the harness itself, ~0.05 s for a one-liner).
 */
function runHarness(p: Pyodide): PyProxy {
  const builtins = p.pyimport('builtins') as PyProxy &
    Record<'compile' | 'exec' | 'dict', (...a: unknown[]) => unknown>;
  const sys = p.pyimport('sys') as PyProxy & { __dict__: PyProxy & { pop(k: string, d?: undefined): unknown } };
  const vars = sys.__dict__;
  const stash = vars.pop('_arbiter_harness', undefined) as (PyProxy & { get(i: number): unknown }) | undefined;
  const code = (
    stash && stash.get(0) === HARNESS ? stash.get(1) : builtins.compile(HARNESS, '<sandbox harness>', 'exec')
  ) as PyProxy;
  const ns = builtins.dict() as PyProxy;
  try {
    builtins.exec(code, ns);
  } finally {
    for (const proxy of [code, stash, vars, sys, builtins]) proxy?.destroy();
  }
  return ns;
}

/** File descriptors the program opened and never closed (harness.py restores 0-2). None are open between runs. */
function closeLeakedFds(p: Pyodide): void {
  const fs = p.FS as unknown as { streams: unknown[]; close(stream: unknown): void };
  for (let fd = 3; fd < fs.streams.length; fd++) {
    const s = fs.streams[fd];
    if (s)
      try {
        fs.close(s);
      } catch {
        // Already gone: nothing to do.
      }
  }
}

function call(ns: PyProxy, name: string, ...args: unknown[]): unknown {
  const f = ns.get(name) as PyProxy & ((...a: unknown[]) => unknown);
  try {
    return f(...args);
  } finally {
    f.destroy();
  }
}

function run(m: Extract<FrameToWorker, { t: 'run' }>): void {
  const r: Run = {
    nonce: m.nonce,
    stdin: new TextEncoder().encode(m.stdin),
    pos: 0,
    cap: m.maxOutputBytes,
    bytes: [0, 0, 0],
    decoders: [null, new TextDecoder(), new TextDecoder()],
    pending: ['', '', ''],
    lastFlush: -Infinity,
    exceeded: false,
  };
  cur = r;
  let exitCode: number | null = null;
  let crashed = false;
  let retired: string;
  let note = '';
  let w: PyProxy | null = null;
  try {
    if (!harness || !py) throw new Error('the interpreter is not loaded');
    w = call(harness, 'prepare', m.code) as PyProxy;
    call(w, 'run');
    exitCode = call(w, 'report') as number;
    call(w, 'finish');
    call(harness, 'bury', w);
    call(w, 'drop');
    const reasons = call(harness, 'reset') as PyProxy;
    retired = (reasons.toJs() as string[]).join('; ');
    reasons.destroy();
    closeLeakedFds(py);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // os._exit(n) ends the Emscripten runtime; the status is real, the interpreter is gone.
    const exit = /^Program terminated with exit\((-?\d+)\)$/.exec(msg);
    if (exit) {
      exitCode = Number(exit[1]) & 255;
      retired = 'os._exit';
    } else {
      crashed = true;
      note = msg.slice(0, 4000);
      retired = 'crashed';
    }
  } finally {
    try {
      w?.destroy();
    } catch {
      // The runtime is dead; nothing left to release.
    }
  }
  for (const stream of [1, 2] as const) r.pending[stream] += r.decoders[stream].decode();
  sendPending(r);
  cur = null;
  if (!retired && py) {
    const heap = (py as unknown as { _module: { HEAP8: Int8Array } })._module.HEAP8.byteLength;
    if (heap > RETIRE_HEAP_BYTES) retired = `heap grew to ${Math.round(heap / 2 ** 20)} MiB`;
  }
  post({ t: 'done', nonce: m.nonce, exitCode, crashed, retired, note });
}

let loading = false;
scope.addEventListener('message', (e) => {
  // Only the frame can post to this worker; a program that reached JavaScript could dispatch fake events itself.
  if (!e.isTrusted) return;
  const m = e.data;
  // A failure here is reported by load(), which awaits the same promise.
  if (m.t === 'prefetch') download(m.base, true);
  else if (m.t === 'load' && !loading) {
    loading = true;
    load(m).catch((err: unknown) => post({ t: 'fatal', note: String(err instanceof Error ? err.message : err) }));
  } else if (m.t === 'run' && !cur) run(m);
});

export {};
