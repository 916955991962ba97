// One scored sample: the stored record and its Affine-compatible JSONL form (export, import, CLI). Both realms.
import type { ChatUsage } from '../backend/types.ts';

/** Stored form of a sample. `taskKey` is the task id as a 20-digit zero-padded string, so keys sort numerically. */
export interface SampleRecord {
  runId: string;
  /** Environment id ('sat'). */
  env: string;
  taskKey: string;
  /** Affine SDK env name ('affine:sat'). */
  envName: string;
  taskId: string;
  prompt: string;
  /** The model's reply as received (not stripped); '' on failure. */
  reply: string;
  score: number;
  latencyMs: number;
  /** Unix milliseconds when the sample was scored. */
  timestamp: number;
  model: string;
  modelRevision: string | null;
  seed: number;
  usage: ChatUsage | null;
  attempts: number;
  /** Set when the model call failed; the sample then scores 0. */
  error: { type: string; message: string } | null;
  /** Environment-specific scoring details. */
  extra: Record<string, unknown>;
}

export function taskKey(taskId: bigint | string): string {
  return taskId.toString().padStart(20, '0');
}

/** Affine's sample fields (DynamoDB `sample_results` plus the SDK `Result`), one JSON object per line. */
export interface AffineSampleJson {
  env: string;
  task_id: bigint;
  score: number;
  success: boolean;
  latency_ms: number;
  timestamp: number;
  model: string;
  model_revision: string | null;
  error: string | null;
  extra: {
    conversation: { role: 'user' | 'assistant'; content: string | null }[];
    seed: number;
    usage: ChatUsage | null;
    error_type?: string;
    attempts: number;
    env_id: string;
    [k: string]: unknown;
  };
}

export function toAffineJson(s: SampleRecord): AffineSampleJson {
  return {
    env: s.envName,
    task_id: BigInt(s.taskId),
    score: s.score,
    success: s.score > 0,
    latency_ms: s.latencyMs,
    timestamp: s.timestamp,
    model: s.model,
    model_revision: s.modelRevision,
    error: s.error ? `${s.error.type}: ${s.error.message}` : null,
    extra: {
      conversation: [
        { role: 'user', content: s.prompt },
        { role: 'assistant', content: s.error ? null : s.reply },
      ],
      seed: s.seed,
      usage: s.usage,
      ...(s.error ? { error_type: s.error.type } : {}),
      attempts: s.attempts,
      env_id: s.env,
      ...s.extra,
    },
  };
}

/** Serialises one sample as a JSONL line (no newline). task_id is written as a bare integer, like Python does. */
export function sampleToJsonl(s: SampleRecord): string {
  const { env, task_id: taskId, ...rest } = toAffineJson(s);
  // JSON.stringify cannot write a bigint. Splicing the digits in, rather than replacing a placeholder string
  // afterwards, leaves a reply that happens to contain the placeholder untouched.
  return `{"env":${JSON.stringify(env)},"task_id":${taskId},${JSON.stringify(rest).slice(1)}`;
}

export class ImportError extends Error {
  override name = 'ImportError';
}

const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Parses one JSONL line back into a sample of run `runId`. Task ids beyond 2^53 survive because the raw digits are
 * quoted before JSON.parse sees them.
 * @throws ImportError naming the line and the field that is wrong.
 */
export function sampleFromJsonl(line: string, lineNo: number, runId: string): SampleRecord {
  const fail = (why: string): never => {
    throw new ImportError(`Line ${lineNo}: ${why}`);
  };
  let o: Record<string, unknown>;
  try {
    // Only a whole integer is quoted, so 7.5 or 1e3 stays a number and is reported as a bad task_id below.
    o = JSON.parse(line.replace(/("task_id"\s*:\s*)(\d+)(?=\s*[,}])/, '$1"$2"')) as Record<string, unknown>;
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message}).`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return fail('expected a JSON object.');
  if (!str(o.env) || o.env === '') fail('"env" must be a non-empty string.');
  if (!str(o.task_id) || !/^\d+$/.test(o.task_id)) fail('"task_id" must be a non-negative integer.');
  if (!num(o.score)) fail('"score" must be a number.');
  const extra = (o.extra ?? {}) as Record<string, unknown>;
  if (typeof extra !== 'object' || Array.isArray(extra)) fail('"extra" must be an object.');
  const conv = extra.conversation;
  if (!Array.isArray(conv) || conv.length < 1) fail('"extra.conversation" must list the user prompt and the reply.');
  const turns = conv as { role?: unknown; content?: unknown }[];
  const prompt = turns.find((t) => t?.role === 'user')?.content;
  const reply = turns.find((t) => t?.role === 'assistant')?.content;
  if (!str(prompt)) fail('"extra.conversation" has no user message.');
  const {
    conversation: _c,
    seed,
    usage,
    error_type: errorType,
    attempts,
    env_id: envId,
    ...envExtra
  } = extra as Record<string, unknown>;
  const errText = str(o.error) ? o.error : null;
  const envName = o.env as string;
  return {
    runId,
    env: str(envId) ? envId : envName.replace(/^affine:/, '').toLowerCase(),
    envName,
    taskId: o.task_id as string,
    taskKey: taskKey(o.task_id as string),
    prompt: prompt as string,
    reply: str(reply) ? reply : '',
    score: o.score as number,
    latencyMs: num(o.latency_ms) ? o.latency_ms : 0,
    timestamp: num(o.timestamp) ? o.timestamp : 0,
    model: str(o.model) ? o.model : '',
    modelRevision: str(o.model_revision) ? o.model_revision : null,
    seed: num(seed) ? seed : 0,
    usage: (usage as SampleRecord['usage']) ?? null,
    attempts: num(attempts) ? attempts : 1,
    error: errText ? { type: str(errorType) ? errorType : 'error', message: errText.replace(/^[\w-]+: /, '') } : null,
    extra: envExtra,
  };
}

/** Parses a whole JSONL document; blank lines are skipped. All-or-nothing: the first bad line throws. */
export function parseJsonl(text: string, runId: string): SampleRecord[] {
  const out: SampleRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line) out.push(sampleFromJsonl(line, i + 1, runId));
  }
  if (out.length === 0) throw new ImportError('The file holds no samples (expected one JSON object per line).');
  return out;
}
