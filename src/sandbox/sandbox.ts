// One sandbox as the page sees it: a hidden opaque-origin iframe (/sandbox.html) that runs one program at a time,
// with the wall-clock limit and output cap enforced from here. A timeout removes the iframe. UI realm.
import {
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_TIMEOUT_MS,
  type ExecRequest,
  type ExecResult,
} from '../shared/api/sandbox.ts';
import { parseFrameMessage, utf8Length, type FrameToPage, type Isolation, type PageToFrame } from './protocol.ts';

export interface SandboxOptions {
  src: string;
  isolation: Isolation;
  spares: number;
  maxRuns: number;
  maxMemoryBytes: number;
  container: HTMLElement;
}

export interface SandboxEvents {
  /** An interpreter is loaded and idle; loadMs is how long it took to start. */
  ready(loadMs: number): void;
  /** The iframe is gone (killed or failed to start); the pool replaces it. */
  dead(reason: string): void;
}

const TRUNCATED = '\n…<truncated>';
/** A frame with no interpreter ready after this long is given up on (a missing /sandbox.html, a broken build). */
const START_TIMEOUT_MS = 60_000;

function nonce(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

interface Job {
  nonce: string;
  started: number;
  cap: number;
  out: [string[], string[]];
  bytes: [number, number];
  timer: ReturnType<typeof setTimeout>;
  resolve(r: ExecResult): void;
}

export class Sandbox {
  readonly iframe: HTMLIFrameElement;
  /** Executions the frame reported as retiring their interpreter, by reason. */
  readonly retired: string[] = [];
  private job: Job | null = null;
  private alive = true;
  private started = false;
  private readonly startTimer: ReturnType<typeof setTimeout>;
  private readonly onMessage = (e: MessageEvent) => this.receive(e);

  constructor(
    private readonly opts: SandboxOptions,
    private readonly events: SandboxEvents,
  ) {
    const f = document.createElement('iframe');
    // allow-scripts only: an opaque origin, no same-origin access, no top navigation, popups, forms or modals.
    f.setAttribute('sandbox', 'allow-scripts');
    f.setAttribute('aria-hidden', 'true');
    f.tabIndex = -1;
    f.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    f.src = opts.src;
    this.iframe = f;
    window.addEventListener('message', this.onMessage);
    opts.container.append(f);
    this.startTimer = setTimeout(() => {
      if (!this.started) this.kill('fatal', `no Python interpreter started within ${START_TIMEOUT_MS / 1000} s`);
    }, START_TIMEOUT_MS);
  }

  get busy(): boolean {
    return this.job !== null;
  }

  /** Runs one program; the caller waits for `ready` first. */
  run(req: ExecRequest): Promise<ExecResult> {
    if (!this.alive || this.job) throw new Error('Sandbox is not idle');
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const cap = req.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    return new Promise((resolve) => {
      const job: Job = {
        nonce: nonce(),
        started: performance.now(),
        cap,
        out: [[], []],
        bytes: [0, 0],
        timer: setTimeout(() => this.kill('timeout'), timeoutMs),
        resolve,
      };
      this.job = job;
      this.post({ t: 'run', nonce: job.nonce, code: req.code, stdin: req.stdin, maxOutputBytes: cap });
    });
  }

  /** Removes the iframe (a hard kill of everything in it) and settles the current execution, if any. */
  kill(why: 'timeout' | 'output' | 'dispose' | 'fatal', note = ''): void {
    if (!this.alive) return;
    this.alive = false;
    clearTimeout(this.startTimer);
    window.removeEventListener('message', this.onMessage);
    this.iframe.remove();
    const j = this.job;
    if (j) {
      const stderr = j.out[1].join('');
      const base = { stdout: j.out[0].join(''), exitCode: null, wallMs: performance.now() - j.started };
      if (why === 'timeout')
        this.settle({ ...base, stderr: stderr + '\n[TIMEOUT]', timedOut: true, outputExceeded: false, crashed: false });
      else if (why === 'output')
        this.settle(this.truncate({ ...base, stderr, timedOut: false, outputExceeded: true, crashed: false }));
      else
        this.settle({
          ...base,
          stderr: `${stderr}\n[sandbox ${why}] ${note}`.trimEnd(),
          timedOut: false,
          outputExceeded: false,
          crashed: true,
        });
    }
    this.events.dead(why === 'fatal' ? note : why);
  }

  private post(m: PageToFrame, transfer: Transferable[] = []): void {
    // The frame's origin is opaque, so '*' is the only target that reaches it; the nonce and our own checks on what
    // comes back do the rest.
    this.iframe.contentWindow?.postMessage(m, '*', transfer);
  }

  private settle(r: ExecResult): void {
    const j = this.job;
    if (!j) return;
    clearTimeout(j.timer);
    this.job = null;
    j.resolve(r);
  }

  private truncate(r: ExecResult): ExecResult {
    const j = this.job!;
    const cut = (s: string, i: 0 | 1) => (j.bytes[i] >= j.cap ? s + TRUNCATED : s);
    return { ...r, stdout: cut(r.stdout, 0), stderr: cut(r.stderr, 1) };
  }

  private receive(e: MessageEvent): void {
    // Only our iframe's window, and only messages that validate; the frame's origin is "null" by design.
    if (e.source !== this.iframe.contentWindow || e.origin !== 'null') return;
    const m = parseFrameMessage(e.data);
    if (m) this.handle(m);
  }

  private handle(m: FrameToPage): void {
    const j = this.job;
    switch (m.t) {
      case 'hello': {
        const { isolation, spares, maxRuns, maxMemoryBytes } = this.opts;
        this.post({ t: 'init', isolation, spares, maxRuns, maxMemoryBytes });
        return;
      }
      case 'ready':
        this.started = true;
        if (!j) this.events.ready(m.loadMs);
        return;
      case 'fatal':
        this.kill('fatal', m.note);
        return;
      case 'out': {
        if (!j || m.nonce !== j.nonce) return;
        const i = m.stream - 1;
        j.out[i]!.push(m.data);
        j.bytes[i] += utf8Length(m.data);
        // The worker stops at the cap itself; this is the backstop if it does not.
        if (j.bytes[i] > j.cap) this.kill('output');
        return;
      }
      case 'done': {
        if (!j || m.nonce !== j.nonce) return;
        if (m.retired) this.retired.push(m.retired);
        let stderr = j.out[1].join('');
        if (m.crashed) stderr += `${stderr && !stderr.endsWith('\n') ? '\n' : ''}[sandbox crashed] ${m.note}`;
        const r: ExecResult = {
          stdout: j.out[0].join(''),
          stderr,
          exitCode: m.exitCode,
          timedOut: false,
          outputExceeded: m.outputExceeded,
          crashed: m.crashed,
          wallMs: performance.now() - j.started,
        };
        this.settle(m.outputExceeded ? this.truncate(r) : r);
        return;
      }
    }
  }
}
