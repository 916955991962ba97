// SandboxPool: the browser's Executor. A fixed number of sandboxes (hidden opaque-origin iframes, each with a warm
// Pyodide), a FIFO queue, replacement of any sandbox that is killed, and start-up statistics. UI realm.
import type { Executor, ExecRequest, ExecResult } from '../shared/api/sandbox.ts';
import type { Isolation } from './protocol.ts';
import { Sandbox } from './sandbox.ts';

export interface SandboxPoolOptions {
  /** Sandboxes running programs in parallel; default navigator.hardwareConcurrency. */
  size?: number;
  /**
   * 'reset' (default): each interpreter serves many executions and is restored after each (harness.py); it is
   * retired when a program does something the reset cannot undo. 'fresh': every execution gets an interpreter
   * that has never run anything (about 1.4 s each on 2 cores, bench:sandbox; partly hidden by a warm spare).
   */
  isolation?: Isolation;
  /** Interpreters each sandbox keeps loading in the background; default 1 for 'fresh', 0 for 'reset'. */
  spares?: number;
  /** Retire an interpreter after this many executions even if nothing was noticed; default 1000. */
  maxRunsPerInterpreter?: number;
  /** WebAssembly heap limit per interpreter (Affine's RLIMIT_AS is 512 MiB); past it Python raises MemoryError. */
  maxMemoryBytes?: number;
  /** URL of the sandbox page; default '/sandbox.html'. */
  src?: string;
  /** Where the hidden iframes go; default document.body. */
  container?: HTMLElement;
}

export interface SandboxPoolStats {
  size: number;
  isolation: Isolation;
  /** From the first sandbox's creation to its first ready interpreter (page → Python ready). */
  coldStartMs: number | null;
  /** From the first sandbox's creation until every sandbox was ready once. */
  allReadyMs: number | null;
  /** Start-up time of each interpreter the frames reported, in order. */
  interpreterLoadMs: number[];
  executions: number;
  timeouts: number;
  outputExceeded: number;
  crashes: number;
  /** Interpreters not reused after an execution, and why (from harness.py, os._exit, a crash, the heap...). */
  retired: Record<string, number>;
  /** Iframes removed (timeouts, output backstop, fatal start-up errors) and replaced. */
  sandboxesReplaced: number;
  queued: number;
}

interface Member {
  box: Sandbox;
  ready: boolean;
  everReady: boolean;
}

interface Pending {
  req: ExecRequest;
  resolve(r: ExecResult): void;
  reject(e: Error): void;
}

const MAX_FAILED_STARTS = 3;

export class SandboxPool implements Executor {
  readonly size: number;
  private readonly opts: Required<Omit<SandboxPoolOptions, 'size' | 'container'>> & { container?: HTMLElement };
  private readonly members: Member[] = [];
  private readonly queue: Pending[] = [];
  /** Whether the first sandbox has been idle or finished an execution: then the others may start. */
  private firstIdle = false;
  private t0: number | null = null;
  private failedStarts = 0;
  private broken: string | null = null;
  private disposed = false;
  private readonly waiters: (() => void)[] = [];
  private readonly s: SandboxPoolStats;

  constructor(options: SandboxPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? navigator.hardwareConcurrency ?? 2));
    const isolation = options.isolation ?? 'reset';
    this.opts = {
      isolation,
      spares: options.spares ?? (isolation === 'fresh' ? 1 : 0),
      maxRunsPerInterpreter: options.maxRunsPerInterpreter ?? 1000,
      maxMemoryBytes: options.maxMemoryBytes ?? 512 * 2 ** 20,
      src: options.src ?? '/sandbox.html',
      container: options.container,
    };
    this.s = {
      size: this.size,
      isolation,
      coldStartMs: null,
      allReadyMs: null,
      interpreterLoadMs: [],
      executions: 0,
      timeouts: 0,
      outputExceeded: 0,
      crashes: 0,
      retired: {},
      sandboxesReplaced: 0,
      queued: 0,
    };
  }

  /**
   * Starts every sandbox (the first one alone, then the rest) and resolves when all of them are loaded and idle.
   * Also useful after a burst of work: it waits for replacements too.
   */
  warmUp(): Promise<void> {
    this.grow();
    return new Promise((resolve, reject) => {
      this.waiters.push(() => (this.broken ? reject(new Error(this.broken)) : resolve()));
      this.wakeIfWarm();
    });
  }

  run(req: ExecRequest): Promise<ExecResult> {
    if (this.disposed) return Promise.reject(new Error('SandboxPool was disposed'));
    if (this.broken) return Promise.reject(new Error(this.broken));
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      this.grow();
      this.pump();
    });
  }

  /** Removes every sandbox; queued executions are rejected. */
  dispose(): void {
    this.disposed = true;
    for (const m of this.members.splice(0)) m.box.kill('dispose');
    for (const p of this.queue.splice(0)) p.reject(new Error('SandboxPool was disposed'));
  }

  stats(): SandboxPoolStats {
    return {
      ...this.s,
      interpreterLoadMs: [...this.s.interpreterLoadMs],
      retired: { ...this.s.retired },
      queued: this.queue.length,
    };
  }

  /**
   * Creates the first sandbox, and the others once it is idle or has finished its first execution: on few cores their
   * start-up (~2.5 s of CPU each) would delay the first result by as much.
   */
  private grow(): void {
    if (this.disposed || this.broken) return;
    this.t0 ??= performance.now();
    const target = this.firstIdle ? this.size : Math.max(1, this.members.length);
    while (this.members.length < target) this.add();
  }

  private add(): void {
    const member: Member = { box: null!, ready: false, everReady: false };
    member.box = new Sandbox(
      {
        src: this.opts.src,
        isolation: this.opts.isolation,
        spares: this.opts.spares,
        maxRuns: this.opts.maxRunsPerInterpreter,
        maxMemoryBytes: this.opts.maxMemoryBytes,
        container: this.opts.container ?? document.body,
      },
      {
        ready: (loadMs) => this.onReady(member, loadMs),
        dead: (reason) => this.onDead(member, reason),
      },
    );
    this.members.push(member);
  }

  private onReady(m: Member, loadMs: number): void {
    m.ready = true;
    if (loadMs > 0) this.s.interpreterLoadMs.push(Math.round(loadMs));
    this.failedStarts = 0;
    if (!m.everReady) {
      m.everReady = true;
      const elapsed = performance.now() - this.t0!;
      this.s.coldStartMs ??= Math.round(elapsed);
      if (this.s.allReadyMs === null && this.members.length === this.size && this.members.every((x) => x.everReady))
        this.s.allReadyMs = Math.round(elapsed);
    }
    if (this.queue.length === 0) this.idle();
    this.pump();
    this.wakeIfWarm();
  }

  private idle(): void {
    if (this.firstIdle) return;
    this.firstIdle = true;
    this.grow();
  }

  private wakeIfWarm(): void {
    if (this.queue.length === 0 && this.members.length === this.size && this.members.every((m) => m.ready)) this.wake();
  }

  private onDead(m: Member, reason: string): void {
    const i = this.members.indexOf(m);
    if (i < 0) return;
    this.members.splice(i, 1);
    if (this.disposed) return;
    this.s.sandboxesReplaced++;
    if (!m.everReady && ++this.failedStarts >= MAX_FAILED_STARTS) {
      this.broken = `The Python sandbox cannot start: ${reason}`;
      for (const p of this.queue.splice(0)) p.reject(new Error(this.broken));
      this.wake();
      return;
    }
    this.grow();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private pump(): void {
    for (const m of this.members) {
      if (this.queue.length === 0) return;
      if (!m.ready || m.box.busy) continue;
      const p = this.queue.shift()!;
      m.ready = false;
      const retiredBefore = m.box.retired.length;
      m.box.run(p.req).then((r) => {
        this.count(r);
        for (const why of m.box.retired.slice(retiredBefore)) {
          const key = why.split(/[;:]/)[0]!.trim();
          this.s.retired[key] = (this.s.retired[key] ?? 0) + 1;
        }
        p.resolve(r);
        this.idle();
        this.pump();
      }, p.reject);
    }
  }

  private count(r: ExecResult): void {
    this.s.executions++;
    if (r.timedOut) this.s.timeouts++;
    if (r.outputExceeded) this.s.outputExceeded++;
    if (r.crashed) this.s.crashes++;
  }
}
