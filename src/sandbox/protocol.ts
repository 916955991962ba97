// Messages between the app page, the sandbox frame and its Pyodide worker, with the validator the page runs on
// everything the frame sends. UI realm; frame.ts and worker.ts import the types only (they are inlined as scripts).

/** Longest output chunk a message may carry (UTF-16 code units); the worker splits larger writes. */
export const MAX_CHUNK_CHARS = 65_536;
/** Longest error or reason text a message may carry. */
export const MAX_NOTE_CHARS = 4_096;

/** `reset`: one interpreter serves many executions, restored after each. `fresh`: a new interpreter per execution. */
export type Isolation = 'reset' | 'fresh';

/** Page → frame. */
export type PageToFrame =
  | {
      t: 'init';
      isolation: Isolation;
      spares: number;
      maxRuns: number;
      maxMemoryBytes: number;
    }
  | { t: 'run'; nonce: string; code: string; stdin: string; maxOutputBytes: number };

/** Frame → page. `ready`: an interpreter is loaded and idle (loadMs: its start-up time, 0 if it has run before). */
export type FrameToPage =
  | { t: 'hello' }
  | { t: 'ready'; loadMs: number }
  | { t: 'out'; nonce: string; stream: 1 | 2; data: string }
  | {
      t: 'done';
      nonce: string;
      exitCode: number | null;
      outputExceeded: boolean;
      crashed: boolean;
      /** Why the interpreter was retired after this execution ('' when it is reused). */
      retired: string;
      note: string;
    }
  | { t: 'fatal'; note: string };

/** Frame → worker. */
export type FrameToWorker =
  /** Sent to a frame's first worker before its settings are known: start the downloads. */
  | { t: 'prefetch'; base: string }
  | { t: 'load'; base: string; snapshot: Uint8Array | null; makeSnapshot: boolean; maxMemoryBytes: number }
  | { t: 'run'; nonce: string; code: string; stdin: string; maxOutputBytes: number };

/** Worker → frame. */
export type WorkerToFrame =
  | { t: 'loaded'; loadMs: number }
  | { t: 'snapshot'; bytes: Uint8Array }
  | { t: 'out'; nonce: string; stream: 1 | 2; data: string }
  | { t: 'exceeded'; nonce: string }
  | { t: 'done'; nonce: string; exitCode: number | null; crashed: boolean; retired: string; note: string }
  | { t: 'fatal'; note: string };

const NONCE = /^[0-9a-f]{32}$/;

function isStr(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

function hasOnly(o: object, keys: string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && own.every((k) => keys.includes(k));
}

/**
 * Checks a message from a frame against the protocol: known type, exact keys, bounded strings, a well-formed nonce.
 * Returns the message or null. The frame runs in an opaque origin next to untrusted code, so nothing else is read.
 */
export function parseFrameMessage(data: unknown): FrameToPage | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const m = data as Record<string, unknown>;
  switch (m.t) {
    case 'hello':
      return hasOnly(m, ['t']) ? { t: 'hello' } : null;
    case 'ready':
      return hasOnly(m, ['t', 'loadMs']) && typeof m.loadMs === 'number' && m.loadMs >= 0
        ? { t: 'ready', loadMs: m.loadMs }
        : null;
    case 'out':
      return hasOnly(m, ['t', 'nonce', 'stream', 'data']) &&
        isStr(m.nonce, 32) &&
        NONCE.test(m.nonce) &&
        (m.stream === 1 || m.stream === 2) &&
        isStr(m.data, MAX_CHUNK_CHARS)
        ? { t: 'out', nonce: m.nonce, stream: m.stream, data: m.data }
        : null;
    case 'done':
      return hasOnly(m, ['t', 'nonce', 'exitCode', 'outputExceeded', 'crashed', 'retired', 'note']) &&
        isStr(m.nonce, 32) &&
        NONCE.test(m.nonce) &&
        (m.exitCode === null || (Number.isInteger(m.exitCode) && (m.exitCode as number) >= 0)) &&
        typeof m.outputExceeded === 'boolean' &&
        typeof m.crashed === 'boolean' &&
        isStr(m.retired, MAX_NOTE_CHARS) &&
        isStr(m.note, MAX_NOTE_CHARS)
        ? {
            t: 'done',
            nonce: m.nonce,
            exitCode: m.exitCode as number | null,
            outputExceeded: m.outputExceeded,
            crashed: m.crashed,
            retired: m.retired,
            note: m.note,
          }
        : null;
    case 'fatal':
      return hasOnly(m, ['t', 'note']) && isStr(m.note, MAX_NOTE_CHARS) ? { t: 'fatal', note: m.note } : null;
    default:
      return null;
  }
}

/** UTF-8 length of a string without encoding it (lone surrogates count 3, as U+FFFD would). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
