// Settings of the OpenAI-compatible backend: defaults, validation and the endpoint URL. Both realms, no DOM or Node.

/** What the user configures for an OpenAI-compatible endpoint (vLLM, sglang, Chutes, OpenAI, ...). */
export interface OpenAIConfig {
  /** Base URL including the version segment, e.g. `http://127.0.0.1:8000/v1`. */
  baseUrl: string;
  /** Served model name, sent as `model`. */
  model: string;
  /** Sent as `Authorization: Bearer <key>` when set. */
  apiKey?: string;
  /** Deadline for one request, headers to end of stream (Affine: 600 s). */
  timeoutMs?: number;
  /** Longest allowed gap between two body chunks (Affine's PRINT/LGC-v2: 30 s). */
  idleTimeoutMs?: number;
  /** Sent as `max_tokens` only when set; Affine sends none. */
  maxTokens?: number;
  /** Retries after the first attempt, on 429, 5xx and network errors before the body started. */
  maxRetries?: number;
  /** First backoff delay; doubles on every retry. */
  retryBaseMs?: number;
  /** Replies longer than this many UTF-16 code units fail with 'too_large'. */
  maxReplyChars?: number;
}

/** A validated config with every default filled in. */
export type ResolvedOpenAIConfig = Required<Omit<OpenAIConfig, 'apiKey' | 'maxTokens'>> &
  Pick<OpenAIConfig, 'apiKey' | 'maxTokens'> & {
    /** `POST` target: the base URL without trailing `/`, plus `/chat/completions`. */
    chatUrl: string;
  };

export const OPENAI_DEFAULTS = {
  timeoutMs: 600_000,
  idleTimeoutMs: 30_000,
  maxRetries: 3,
  retryBaseMs: 500,
  maxReplyChars: 16 * 1024 * 1024,
} as const;

/** setTimeout fires at once for delays above 2^31 - 1 ms, so larger values are clamped to this. */
export const MAX_TIMER_MS = 2_147_483_647;

const NUMERIC: { key: keyof OpenAIConfig; integer: boolean; min: number }[] = [
  { key: 'timeoutMs', integer: false, min: 1 },
  { key: 'idleTimeoutMs', integer: false, min: 1 },
  { key: 'maxTokens', integer: true, min: 1 },
  { key: 'maxRetries', integer: true, min: 0 },
  { key: 'retryBaseMs', integer: false, min: 0 },
  { key: 'maxReplyChars', integer: true, min: 1 },
];

/**
 * Parses a base URL. A path-absolute URL such as `/demo/v1` is resolved against the page when there is one, so the
 * app can point at its own built-in demo endpoint; anything else must be absolute.
 */
function parseBaseUrl(baseUrl: string): URL {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  return baseUrl.startsWith('/') && !baseUrl.startsWith('//') && page ? new URL(baseUrl, page) : new URL(baseUrl);
}

/** Lists what is wrong with a config, one human-readable sentence per problem; empty when it is usable. */
export function validateOpenAIConfig(config: OpenAIConfig): string[] {
  const problems: string[] = [];
  const raw = typeof config.baseUrl === 'string' ? config.baseUrl.trim() : '';
  if (!raw) {
    problems.push('Base URL is empty: enter the endpoint, e.g. http://127.0.0.1:8000/v1.');
  } else {
    let url: URL | undefined;
    try {
      url = parseBaseUrl(raw);
    } catch {
      problems.push(`Base URL "${raw}" is not a valid URL: write it in full, e.g. http://127.0.0.1:8000/v1.`);
    }
    if (url && url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push(`Base URL "${raw}" uses the "${url.protocol}" scheme: start it with http:// or https://.`);
    } else if (url) {
      if (url.username || url.password) {
        problems.push('Base URL contains a user name or password, which fetch refuses: put the key in API key.');
      }
      if (url.search || url.hash) {
        problems.push(`Base URL "${raw}" has a query or fragment: remove everything from "?" or "#".`);
      }
    }
  }
  if (typeof config.model !== 'string' || !config.model.trim()) {
    problems.push('Model is empty: enter the served model name (GET <base URL>/models lists them).');
  }
  if (config.apiKey !== undefined && (typeof config.apiKey !== 'string' || /[^\x20-\x7e]/.test(config.apiKey.trim()))) {
    problems.push('API key contains line breaks or non-ASCII characters: copy it again.');
  }
  for (const { key, integer, min } of NUMERIC) {
    const value = config[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${key} must be a finite number.`);
    } else if (value < min) {
      problems.push(`${key} must be ${min === 0 ? 'zero or more' : `at least ${min}`}, got ${value}.`);
    } else if (integer && !Number.isInteger(value)) {
      problems.push(`${key} must be a whole number, got ${value}.`);
    }
  }
  return problems;
}

/** Fills in defaults and builds the chat URL; call only on a config that `validateOpenAIConfig` accepted. */
export function resolveOpenAIConfig(config: OpenAIConfig): ResolvedOpenAIConfig {
  const base = parseBaseUrl(config.baseUrl.trim()).href.replace(/\/+$/, '');
  const apiKey = config.apiKey?.trim();
  return {
    baseUrl: base,
    model: config.model,
    apiKey: apiKey ? apiKey : undefined,
    maxTokens: config.maxTokens,
    timeoutMs: Math.min(config.timeoutMs ?? OPENAI_DEFAULTS.timeoutMs, MAX_TIMER_MS),
    idleTimeoutMs: Math.min(config.idleTimeoutMs ?? OPENAI_DEFAULTS.idleTimeoutMs, MAX_TIMER_MS),
    maxRetries: config.maxRetries ?? OPENAI_DEFAULTS.maxRetries,
    retryBaseMs: config.retryBaseMs ?? OPENAI_DEFAULTS.retryBaseMs,
    maxReplyChars: config.maxReplyChars ?? OPENAI_DEFAULTS.maxReplyChars,
    chatUrl: `${base}/chat/completions`,
  };
}
