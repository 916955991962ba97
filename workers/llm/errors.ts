// Turns transformers.js / ONNX Runtime failures into ModelErrors with a code and advice. Worker realm.
import type { ModelErrorCode } from '../../src/shared/api/llm.ts';

/**
 * comlink copies only name, message and stack of a thrown Error, so the code travels as a `[code] ` prefix of the
 * message; `parseModelError` in the UI reads it back.
 */
export class ModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(`[${code}] ${message}`);
    this.name = 'ModelError';
  }
}

const RULES: [RegExp, ModelErrorCode, (m: string, name: string) => string][] = [
  [
    /Unsupported model type: (\S+)/,
    'unknown_architecture',
    (m) =>
      `This model's architecture (${/Unsupported model type: (\S+)/.exec(m)?.[1]}) is not supported by transformers.js. Choose a decoder such as Llama, Qwen2 or SmolLM.`,
  ],
  [
    /Revision Not Found|Invalid rev id|revision/i,
    'revision_not_found',
    (_m, name) => `Revision not found for ${name}: check the branch, tag or commit hash.`,
  ],
  [
    /protobuf|Failed to load model|failed to load external data|Invalid model|Load model .* failed|Can't create a session/i,
    'corrupt_model',
    (m, name) =>
      `The ONNX file of ${name} could not be read (${m.slice(0, 200)}). The download may be incomplete or the file corrupt: clear the cache and try again, or pick another dtype.`,
  ],
  [
    /Could not locate file|404|Not Found|local_files_only/i,
    'missing_files',
    (m, name) =>
      `${name} is missing a file transformers.js needs (${m.slice(0, 200)}). A model folder needs config.json, tokenizer.json, tokenizer_config.json and onnx/model*.onnx.`,
  ],
  [
    /device (was )?lost|DeviceLost/i,
    'device_lost',
    () =>
      'The GPU device was lost (driver reset or too much memory in use). Close other GPU-heavy tabs, or use the WASM device.',
  ],
  [
    /out of memory|OOM|Array buffer allocation failed|RangeError: .*allocation|maxBufferSize|exceeds the max/i,
    'out_of_memory',
    () =>
      'The model does not fit in memory on this device. Try a smaller model, a 4-bit dtype (q4), a smaller batch, or the WASM device.',
  ],
  [
    /does not support fp16|requires f16|shader-f16/i,
    'unsupported_dtype',
    () => 'This dtype needs 16-bit float support (shader-f16), which this GPU lacks. Choose fp32, q4 or q8.',
  ],
  [
    /Failed to fetch|NetworkError|ERR_INTERNET|fetch failed/i,
    'network',
    (_m, name) =>
      `Could not download ${name}: you seem to be offline or the host is unreachable. The bundled test model works offline.`,
  ],
];

/** Wraps any loading or generation failure in a ModelError with a specific message. */
export function classifyError(e: unknown, modelName: string): ModelError {
  if (e instanceof ModelError) return e;
  const m = String((e as Error)?.message ?? e);
  for (const [re, code, advice] of RULES) if (re.test(m)) return new ModelError(code, advice(m, modelName));
  return new ModelError('corrupt_model', `Loading or running ${modelName} failed: ${m.slice(0, 300)}`);
}
