// Frame realm: /sandbox.html, loaded in an opaque-origin iframe (sandbox="allow-scripts"). Tightens its own CSP to
// the app's /pyodide/, keeps Pyodide workers (data: module workers), relays runs from the page and output back, and
// kills a worker that passes its output cap, dies, or may not be reused. Inlined by vite-plugin.ts (no imports).
import type { FrameToPage, FrameToWorker, PageToFrame, WorkerToFrame } from './protocol.ts';

/** worker.ts (with harness.py) as JavaScript source, prepended by vite-plugin.ts. */
declare const WORKER_SOURCE: string;

type Init = Extract<PageToFrame, { t: 'init' }>;
type Done = Extract<FrameToPage, { t: 'done' }>;
interface Slot {
  worker: Worker;
  ready: boolean;
  loadMs: number;
  runs: number;
  makesSnapshot: boolean;
}

const MAX_CHUNK_CHARS = 65_536; // protocol.ts
const MAX_NOTE_CHARS = 4_096;
const MAX_SNAPSHOT_BYTES = 128 * 2 ** 20;
const MAX_LOAD_FAILURES = 3;
const NONCE = /^[0-9a-f]{32}$/;

// This document's origin is opaque ("null"), but its URL is the app's: that is where Pyodide lives.
const appOrigin = new URL(location.href).origin;
const base = `${appOrigin}/pyodide/`;
const workerUrl = `data:text/javascript;charset=utf-8,${encodeURIComponent(WORKER_SOURCE)}`;

// The static <meta> policy cannot name the origin; this one can, and policies only ever add restrictions. Workers
// created after this inherit it.
const meta = document.createElement('meta');
meta.httpEquiv = 'Content-Security-Policy';
meta.content =
  `default-src 'none'; script-src 'unsafe-inline' ${base} data: 'wasm-unsafe-eval'; ` +
  `worker-src data:; connect-src ${base}`;
document.head.append(meta);

const toPage = (m: FrameToPage) => parent.postMessage(m, appOrigin);

let cfg: Init | null = null;
/** From this frame's first interpreter (the build's, or one it made): the others start from it. */
let snapshot: Uint8Array | null = null;
let active: Slot | null = null;
const spares: Slot[] = [];
let job: { slot: Slot; nonce: string } | null = null;
let announced = false;
let failures = 0;
let dead = false;

function newWorker(): Worker {
  return new Worker(workerUrl, { type: 'module', name: 'python' });
}

// The first interpreter's worker starts with this document: its downloads overlap the page's handshake.
let early: Worker | null = newWorker();
early.postMessage({ t: 'prefetch', base } satisfies FrameToWorker);

function start(makesSnapshot: boolean): Slot {
  const worker = makesSnapshot && early ? early : newWorker();
  if (early && early !== worker) early.terminate();
  early = null;
  const slot: Slot = { worker, ready: false, loadMs: 0, runs: 0, makesSnapshot };
  worker.addEventListener('message', (e: MessageEvent<unknown>) => onWorker(slot, e.data));
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    fail(slot, `the Python worker failed: ${e.message || 'no message'}`);
  });
  worker.addEventListener('messageerror', () => fail(slot, 'the Python worker sent an unreadable message'));
  const load: FrameToWorker = {
    t: 'load',
    base,
    snapshot: makesSnapshot ? null : snapshot,
    makeSnapshot: makesSnapshot,
    maxMemoryBytes: cfg!.maxMemoryBytes,
  };
  worker.postMessage(load);
  return slot;
}

function kill(slot: Slot): void {
  slot.worker.terminate();
  slot.ready = false;
  if (active === slot) active = null;
  const i = spares.indexOf(slot);
  if (i >= 0) spares.splice(i, 1);
}

/** Keeps one interpreter active plus `spares` loading or loaded, and tells the page when a run can start. */
function refill(): void {
  if (dead || !cfg) return;
  if (!active) {
    const i = spares.findIndex((s) => s.ready);
    if (i >= 0) active = spares.splice(i, 1)[0]!;
    else if (spares.length === 0) active = start(snapshot === null);
  }
  // Until the first interpreter has made the snapshot, others would each pay the full start-up.
  if (snapshot) while (spares.length < cfg.spares) spares.push(start(false));
  if (!job && active?.ready && !announced) {
    announced = true;
    toPage({ t: 'ready', loadMs: active.runs === 0 ? active.loadMs : 0 });
  }
}

function finish(done: Omit<Done, 't' | 'nonce'>): void {
  const j = job!;
  job = null;
  toPage({ t: 'done', nonce: j.nonce, ...done });
  refill();
}

function fail(slot: Slot, note: string): void {
  const wasLoading = !slot.ready;
  kill(slot);
  if (job?.slot === slot)
    finish({ exitCode: null, outputExceeded: false, crashed: true, retired: 'crashed', note: note.slice(0, 4000) });
  if (wasLoading && ++failures >= MAX_LOAD_FAILURES) {
    dead = true;
    toPage({ t: 'fatal', note: note.slice(0, 4000) });
    return;
  }
  refill();
}

const isNote = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_NOTE_CHARS;

/** Everything a worker says is checked: it runs untrusted Python that can post messages of its own. */
function onWorker(slot: Slot, data: unknown): void {
  if (typeof data !== 'object' || data === null) return;
  const m = data as Partial<Record<string, unknown>> & { t?: WorkerToFrame['t'] };
  const mine = job !== null && job.slot === slot && m.nonce === job.nonce;
  if (m.t === 'loaded' && !slot.ready && typeof m.loadMs === 'number') {
    slot.ready = true;
    slot.loadMs = m.loadMs;
    failures = 0;
    refill();
  } else if (m.t === 'snapshot' && slot.makesSnapshot && !snapshot && slot.runs === 0) {
    if (!(m.bytes instanceof Uint8Array) || m.bytes.byteLength > MAX_SNAPSHOT_BYTES) return;
    snapshot = m.bytes;
    refill();
  } else if (m.t === 'out' && mine) {
    if ((m.stream !== 1 && m.stream !== 2) || typeof m.data !== 'string' || m.data.length > MAX_CHUNK_CHARS) return;
    toPage({ t: 'out', nonce: job!.nonce, stream: m.stream, data: m.data });
  } else if (m.t === 'exceeded' && mine) {
    kill(slot);
    finish({ exitCode: null, outputExceeded: true, crashed: false, retired: 'output limit', note: '' });
  } else if (m.t === 'done' && mine) {
    const code = m.exitCode;
    if (!(code === null || (Number.isInteger(code) && (code as number) >= 0 && (code as number) <= 255))) return;
    if (typeof m.crashed !== 'boolean' || !isNote(m.retired) || !isNote(m.note)) return;
    let retired = m.retired;
    if (!retired && cfg!.isolation === 'fresh') retired = 'fresh isolation';
    if (!retired && slot.runs >= cfg!.maxRuns) retired = `served ${slot.runs} executions`;
    if (retired) kill(slot);
    finish({ exitCode: code as number | null, outputExceeded: false, crashed: m.crashed, retired, note: m.note });
  } else if (m.t === 'fatal' && isNote(m.note)) {
    fail(slot, m.note);
  }
}

function onPage(e: MessageEvent<unknown>): void {
  if (e.source !== parent || e.origin !== appOrigin) return;
  const m = e.data as Partial<PageToFrame> | null;
  if (typeof m !== 'object' || m === null) return;
  if (m.t === 'init' && !cfg) {
    const { isolation, spares: n, maxRuns, maxMemoryBytes } = m;
    if (isolation !== 'reset' && isolation !== 'fresh') return;
    if (!Number.isInteger(n) || !Number.isInteger(maxRuns) || !Number.isInteger(maxMemoryBytes)) return;
    cfg = { t: 'init', isolation, spares: n!, maxRuns: maxRuns!, maxMemoryBytes: maxMemoryBytes! };
    refill();
  } else if (m.t === 'run' && cfg) {
    const { nonce, code, stdin, maxOutputBytes } = m;
    if (typeof nonce !== 'string' || !NONCE.test(nonce) || typeof code !== 'string' || typeof stdin !== 'string')
      return;
    if (!Number.isInteger(maxOutputBytes) || maxOutputBytes! < 0) return;
    const slot = active;
    if (job || !slot?.ready) {
      toPage({ t: 'done', nonce, exitCode: null, outputExceeded: false, crashed: true, retired: '', note: 'busy' });
      return;
    }
    job = { slot, nonce };
    announced = false;
    slot.runs++;
    const run: FrameToWorker = { t: 'run', nonce, code, stdin, maxOutputBytes: maxOutputBytes! };
    slot.worker.postMessage(run);
  }
}

addEventListener('message', onPage);
toPage({ t: 'hello' });

export {};
