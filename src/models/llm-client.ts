// The UI side of the model worker: starts it, loads a model, forwards calls, and cancels by terminating it (the only
// way to stop busy WASM or GPU work); the next call starts a fresh worker and reloads. UI realm.
import { proxy, wrap, type Remote } from 'comlink';
import type {
  Capabilities,
  GenerateOptions,
  GenerateResult,
  LlmApi,
  LoadOptions,
  LoadProgress,
  LogprobsResult,
  ModelErrorCode,
  ModelInfo,
} from '../shared/api/llm.ts';

/** A model failure as the UI sees it: a code to branch on and a message that says what to try. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the `[code] message` form the worker uses to get codes through comlink. */
export function parseModelError(e: unknown): ModelLoadError {
  if (e instanceof ModelLoadError) return e;
  const m = String((e as Error)?.message ?? e);
  const match = /^\[(\w+)\] ([\s\S]*)$/.exec(m);
  return match ? new ModelLoadError(match[1] as ModelErrorCode, match[2]!) : new ModelLoadError('corrupt_model', m);
}

interface Live {
  worker: Worker;
  api: Remote<LlmApi>;
  /** Rejects when the worker is terminated, so calls in flight settle (comlink leaves them pending). */
  killed: Promise<never>;
  kill: (reason: ModelLoadError) => void;
}

export class LlmClient {
  private live: Live | null = null;
  private loading: Promise<ModelInfo> | null = null;
  private lastLoad: LoadOptions | null = null;
  info: ModelInfo | null = null;

  private start(): Live {
    const worker = new Worker(new URL('../../workers/llm.worker.ts', import.meta.url), { type: 'module' });
    let kill!: (reason: ModelLoadError) => void;
    const killed = new Promise<never>((_, reject) => (kill = reject));
    killed.catch(() => undefined);
    worker.addEventListener('error', (e) =>
      kill(new ModelLoadError('device_lost', `The model worker crashed: ${e.message}`)),
    );
    return { worker, api: wrap<LlmApi>(worker), killed, kill };
  }

  private race<T>(p: Promise<T>, live: Live): Promise<T> {
    return Promise.race([p, live.killed]).catch((e: unknown) => {
      throw parseModelError(e);
    });
  }

  /** Loads a model in a fresh worker (any previous one is terminated). */
  load(opts: LoadOptions, onProgress: (p: LoadProgress) => void = () => undefined): Promise<ModelInfo> {
    this.cancel();
    const live = this.start();
    this.live = live;
    this.lastLoad = opts;
    const progress = proxy(onProgress);
    this.loading = this.race(live.api.load(opts, progress), live).then(
      (info) => {
        this.info = info;
        return info;
      },
      (e: unknown) => {
        if (this.live === live) this.terminate();
        throw e;
      },
    );
    return this.loading;
  }

  /** The loaded model; after a cancel, the last model is loaded again in a fresh worker. */
  private async ready(): Promise<Live> {
    if (!this.live || !this.loading) {
      if (!this.lastLoad) throw new ModelLoadError('not_loaded', 'Load a model first.');
      await this.load(this.lastLoad);
    } else await this.loading;
    return this.live!;
  }

  async capabilities(): Promise<Capabilities> {
    const live = this.live ?? (this.live = this.start());
    return this.race(live.api.capabilities(), live);
  }

  async generate(
    prompts: string[],
    opts: GenerateOptions,
    onText?: (row: number, text: string) => void,
  ): Promise<GenerateResult> {
    const live = await this.ready();
    return this.race(live.api.generate(prompts, opts, onText ? proxy(onText) : undefined), live);
  }

  async logprobs(prompt: string, continuation: string, topK = 5): Promise<LogprobsResult> {
    const live = await this.ready();
    return this.race(live.api.logprobs(prompt, continuation, topK), live);
  }

  /** Stops whatever the worker is doing now; pending calls reject with code 'cancelled'. */
  cancel(): void {
    if (this.live) this.terminate();
  }

  private terminate(): void {
    const live = this.live!;
    this.live = null;
    this.loading = null;
    live.worker.terminate();
    live.kill(new ModelLoadError('cancelled', 'Cancelled: the model worker was stopped.'));
  }

  /** Frees the worker and forgets the model. */
  dispose(): void {
    this.cancel();
    this.lastLoad = null;
    this.info = null;
  }
}
