// The UI side of the scoring worker (workers/judge.worker.ts): starts it on first use, forwards calls, cancels by
// terminating it (an AbortSignal per call), and lets it go after a minute idle; the next call starts a fresh one.
// UI realm.
import { wrap, type Remote } from 'comlink';
import type {
  BootstrapInput,
  BootstrapResult,
  DominanceInput,
  DominanceResult,
  JudgeApi,
  ScoringBackend,
  ScoringPreference,
  Scored,
  YumaResult,
  YumaScenario,
} from '../shared/api/judge.ts';

export type { BootstrapInput, BootstrapResult, DominanceInput, DominanceResult, ScoringBackend, Scored };
export type { YumaResult, YumaScenario };

export interface ScoringClientOptions {
  /** 'cpu' never touches WebGPU; 'gpu' (default) uses it when an adapter exists, the CPU otherwise. */
  prefer?: ScoringPreference;
  /** Milliseconds without calls before the worker (and its GPU device) is let go; default 60,000. */
  idleMs?: number;
}

interface Live {
  worker: Worker;
  api: Remote<JudgeApi>;
  /** Rejects when the worker is terminated or crashes, so calls in flight settle (comlink leaves them pending). */
  killed: Promise<never>;
  kill: (reason: Error) => void;
}

/** Runs the Judge kernels off the main thread; results are the same on the GPU and the CPU. */
export class ScoringClient {
  private live: Live | null = null;
  private busy = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly prefer: ScoringPreference;
  private readonly idleMs: number;

  constructor(options: ScoringClientOptions = {}) {
    this.prefer = options.prefer ?? 'gpu';
    this.idleMs = options.idleMs ?? 60_000;
  }

  /** Which backend calls use: 'gpu' with the adapter's name, or 'cpu' with the reason. */
  backend(signal?: AbortSignal): Promise<ScoringBackend> {
    return this.call((api) => api.backend(this.prefer), signal);
  }

  /** Subset-dominance counts for models in priority order (see `dominanceCpu` for the rule and layout). */
  dominance(input: DominanceInput, signal?: AbortSignal): Promise<Scored<DominanceResult>> {
    return this.call((api) => api.dominance(input, this.prefer), signal);
  }

  /** Bootstrap intervals of per-cell means (see `bootstrapCpu`); the same seed gives the same intervals. */
  bootstrap(input: BootstrapInput, signal?: AbortSignal): Promise<Scored<BootstrapResult>> {
    return this.call((api) => api.bootstrap(input, this.prefer), signal);
  }

  /** Yuma Consensus for each scenario over its epochs; aborting stops the worker. */
  yuma(scenarios: YumaScenario[], signal?: AbortSignal): Promise<Scored<YumaResult>> {
    return this.call((api) => api.yuma(scenarios, this.prefer), signal);
  }

  /** Terminates the worker; calls in flight reject with an AbortError. */
  dispose(): void {
    if (this.live) this.terminate(new DOMException('The scoring worker was stopped.', 'AbortError'));
  }

  private start(): Live {
    const worker = new Worker(new URL('../../workers/judge.worker.ts', import.meta.url), {
      type: 'module',
      name: 'judge',
    });
    let kill!: (reason: Error) => void;
    const killed = new Promise<never>((_, reject) => (kill = reject));
    killed.catch(() => undefined);
    worker.addEventListener('error', (e) => kill(new Error(`The scoring worker crashed: ${e.message}`)));
    return { worker, api: wrap<JudgeApi>(worker), killed, kill };
  }

  private async call<T>(fn: (api: Remote<JudgeApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    clearTimeout(this.idleTimer);
    const live = (this.live ??= this.start());
    // Aborting stops the worker (the only way to stop a running kernel); other calls in flight reject too.
    const onAbort = () => this.live === live && this.terminate(new DOMException('Aborted.', 'AbortError'));
    signal?.addEventListener('abort', onAbort);
    this.busy++;
    try {
      return await Promise.race([fn(live.api), live.killed]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (--this.busy === 0 && this.live === live) {
        this.idleTimer = setTimeout(() => this.live === live && this.dispose(), this.idleMs);
      }
    }
  }

  private terminate(reason: Error): void {
    const live = this.live!;
    this.live = null;
    clearTimeout(this.idleTimer);
    live.worker.terminate();
    live.kill(reason);
  }
}

let shared: ScoringClient | undefined;
/** The app's shared client (GPU preferred), created on first use. */
export function scoringClient(): ScoringClient {
  return (shared ??= new ScoringClient());
}
