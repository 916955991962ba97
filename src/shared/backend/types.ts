// Model backend contract shared by the UI and the CLI: one chat call in, one reply out. Both realms.

/** Token usage as OpenAI-compatible servers report it (from the chunk that carries `usage`). */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatRequest {
  /** The single user message. */
  prompt: string;
  /** Sent as the OpenAI `seed` field (Affine derives it from env name and task id). */
  seed?: number;
  signal?: AbortSignal;
}

export interface ChatResult {
  /** Concatenated `choices[0].delta.content`, not stripped. */
  content: string;
  usage: ChatUsage | null;
  /** Wall time of the successful attempt, request to end of stream. */
  latencyMs: number;
  /** 1 when the first attempt succeeded. */
  attempts: number;
}

/** Why a call failed; stored on the sample as `error_type`. */
export type BackendErrorCode =
  | 'invalid_config' // bad base URL, model name, ...
  | 'network' // unreachable host, connection reset
  | 'cors' // reachable, but the browser refused to read the response (no CORS headers)
  | 'timeout' // per-request deadline or idle stream
  | 'http' // 4xx/5xx after retries
  | 'rate_limit' // 429 after retries
  | 'bad_stream' // unparseable SSE / JSON
  | 'empty' // stream ended with no content (Affine: "LLM API returned empty content stream")
  | 'too_large' // reply over the size cap
  | 'aborted'; // the user stopped the run

export class BackendError extends Error {
  constructor(
    readonly code: BackendErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

export interface Backend {
  /** Human-readable description for tables and exports, e.g. the model name. */
  readonly model: string;
  chat(req: ChatRequest): Promise<ChatResult>;
}
