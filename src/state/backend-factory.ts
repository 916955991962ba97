// Builds the Backend a run needs from its model spec: the OpenAI-compatible client, or the model worker with the
// model loaded. UI realm.
import type { LoadProgress, ModelInfo, ModelSource } from '../shared/api/llm.ts';
import { createOpenAIBackend } from '../shared/backend/openai.ts';
import type { Backend } from '../shared/backend/types.ts';
import { modelName, type RunConfig } from '../shared/eval/run-config.ts';
import { createBrowserBackend } from '../models/browser-backend.ts';
import { LlmClient, ModelLoadError } from '../models/llm-client.ts';

/** What a run needs that is never stored: the API key (unless remembered) and a picked folder's files. */
export interface RunSecrets {
  apiKey?: string;
  folderFiles?: Record<string, Blob>;
}

export interface PreparedBackend {
  backend: Backend;
  /** How many items the runner keeps in flight. */
  concurrency: number;
  info: ModelInfo | null;
  dispose(): void;
}

/** Checks what can be checked without loading anything; throws with a message for the form. */
export function checkBackend(config: RunConfig, secrets: RunSecrets): void {
  const m = config.model;
  if (m.kind === 'openai')
    createOpenAIBackend({ ...m, apiKey: secrets.apiKey, maxTokens: config.maxTokens, timeoutMs: config.timeoutMs });
  else if (m.source.kind === 'folder' && !secrets.folderFiles)
    throw new Error(
      `The files of folder "${m.source.name}" are not kept between sessions: pick the folder again on the Evaluate page.`,
    );
}

export async function prepareBackend(
  config: RunConfig,
  secrets: RunSecrets,
  onProgress: (p: LoadProgress) => void,
  signal?: AbortSignal,
  onText?: (rows: string[]) => void,
): Promise<PreparedBackend> {
  const m = config.model;
  if (m.kind === 'openai') {
    const backend = createOpenAIBackend({
      ...m,
      apiKey: secrets.apiKey,
      maxTokens: config.maxTokens,
      timeoutMs: config.timeoutMs,
    });
    return { backend, concurrency: config.concurrency, info: null, dispose: () => undefined };
  }
  checkBackend(config, secrets);
  const source: ModelSource = m.source.kind === 'folder' ? { ...m.source, files: secrets.folderFiles! } : m.source;
  const client = new LlmClient();
  // Stopping during a download or session creation terminates the worker at once.
  signal?.addEventListener('abort', () => client.cancel(), { once: true });
  try {
    const info = await client.load({ source, device: m.device, dtype: m.dtype }, onProgress);
    const backend = createBrowserBackend(client, {
      model: modelName(m),
      batch: m.batch,
      maxNewTokens: m.maxNewTokens,
      onText,
    });
    return { backend, concurrency: m.batch, info, dispose: () => client.dispose() };
  } catch (e) {
    client.dispose();
    throw e instanceof ModelLoadError ? e : new Error(String((e as Error)?.message ?? e));
  }
}
