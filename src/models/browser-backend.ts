// The in-browser model as a Backend for the evaluation loop: concurrent chat calls are gathered into batches of up
// to B prompts and generated together in the worker. UI realm.
import { BackendError, type Backend, type ChatRequest, type ChatResult } from '../shared/backend/types.ts';
import type { LlmClient } from './llm-client.ts';
import { ModelLoadError } from './llm-client.ts';

interface Pending {
  prompt: string;
  resolve: (r: ChatResult) => void;
  reject: (e: unknown) => void;
}

export interface BrowserBackendOptions {
  model: string;
  batch: number;
  maxNewTokens: number;
  /** Text generated so far for each row of the batch in flight (about every 100 ms). */
  onText?: (rows: string[]) => void;
}

export function createBrowserBackend(client: LlmClient, opts: BrowserBackendOptions): Backend {
  const queue: Pending[] = [];
  let busy = false;
  let scheduled = false;

  const schedule = () => {
    if (busy || scheduled || queue.length === 0) return;
    scheduled = true;
    // One macrotask lets every runner slot that just finished hand in its next prompt, so batches stay full.
    setTimeout(() => {
      scheduled = false;
      void flush();
    }, 0);
  };

  async function flush(): Promise<void> {
    if (busy || queue.length === 0) return;
    busy = true;
    const batch = queue.splice(0, Math.max(1, opts.batch));
    try {
      const live = batch.map(() => '');
      const r = await client.generate(
        batch.map((p) => p.prompt),
        { maxNewTokens: opts.maxNewTokens },
        opts.onText
          ? (row, text) => {
              live[row] = text;
              opts.onText!([...live]);
            }
          : undefined,
      );
      batch.forEach((p, i) =>
        p.resolve({
          content: r.texts[i] ?? '',
          usage: {
            prompt_tokens: r.promptTokens[i] ?? 0,
            completion_tokens: r.tokens[i]?.length ?? 0,
            total_tokens: (r.promptTokens[i] ?? 0) + (r.tokens[i]?.length ?? 0),
          },
          latencyMs: r.totalMs,
          attempts: 1,
        }),
      );
    } catch (e) {
      const err = e instanceof ModelLoadError && e.code === 'cancelled' ? new BackendError('aborted', e.message) : e; // model failures (out of memory, device lost) stop the run: they would hit every task
      for (const p of batch) p.reject(err);
    } finally {
      busy = false;
      schedule();
    }
  }

  return {
    model: opts.model,
    chat(req: ChatRequest): Promise<ChatResult> {
      if (req.signal?.aborted) return Promise.reject(new BackendError('aborted', 'Stopped.'));
      return new Promise<ChatResult>((resolve, reject) => {
        queue.push({ prompt: req.prompt, resolve, reject });
        req.signal?.addEventListener(
          'abort',
          () => {
            // Busy WASM/GPU work only stops with the worker; the next run reloads the model.
            client.cancel();
            const i = queue.findIndex((p) => p.resolve === resolve);
            if (i >= 0) queue.splice(i, 1);
            reject(new BackendError('aborted', 'Stopped.'));
          },
          { once: true },
        );
        schedule();
      });
    },
  };
}
