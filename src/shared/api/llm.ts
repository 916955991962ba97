// The model worker's API (workers/llm.worker.ts), declared once as types; the UI imports them with `import type`.
// Both realms.

/** Where a model's files come from. Every source uses the standard transformers.js folder layout. */
export type ModelSource =
  /** Shipped with the app under /models/ (the generated tiny test model). */
  | { kind: 'bundled'; id: string }
  /** A Hugging Face Hub repo, e.g. onnx-community/Qwen2.5-0.5B-Instruct, at a branch, tag or commit. */
  | {
      kind: 'hub';
      id: string;
      revision?: string;
      /** A Hub mirror, e.g. https://hf-mirror.com/ (default the Hub). */ host?: string;
    }
  /** Any URL of a folder holding config.json, tokenizer.json, tokenizer_config.json and onnx/. */
  | { kind: 'url'; url: string }
  /** A folder picked on disk: files by path relative to the folder (config.json, onnx/model.onnx, ...). */
  | { kind: 'folder'; name: string; files: Record<string, Blob> };

export type Device = 'webgpu' | 'wasm';
export type Dtype = 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16';

export interface LoadOptions {
  source: ModelSource;
  /** 'auto' picks WebGPU when an adapter exists, WASM otherwise. */
  device: Device | 'auto';
  /** 'auto' picks from what the device supports (fp16 kinds only with shader-f16). */
  dtype: Dtype | 'auto';
}

/** One progress type for every long job (style.md convention 6). */
export type LoadProgress =
  | { status: 'download'; file: string; loaded: number; total: number }
  | { status: 'done'; file: string }
  | { status: 'compile'; message: string }
  | { status: 'ready' };

export interface Capabilities {
  webgpu: boolean;
  shaderF16: boolean;
  adapter: { vendor: string; architecture: string; isFallback: boolean } | null;
}

export interface ModelInfo {
  /** Human-readable model name (id, URL or folder name). */
  name: string;
  device: Device;
  dtype: Dtype;
  modelType: string;
  vocabSize: number;
  hasChatTemplate: boolean;
  loadMs: number;
  /** Things the user should know (no chat template, software adapter, ...). */
  warnings: string[];
}

export interface GenerateOptions {
  /** Cap on generated tokens per prompt (greedy decoding, temperature 0). */
  maxNewTokens: number;
}

export interface GenerateResult {
  /** Decoded reply per prompt, special tokens removed. */
  texts: string[];
  /** Generated token ids per prompt (padding and prompt removed). */
  tokens: number[][];
  promptTokens: number[];
  prefillMs: number;
  totalMs: number;
}

/** Per-token log-probabilities of a continuation, computed on the GPU when there is one. */
export interface LogprobsResult {
  tokens: number[];
  logprobs: number[];
  /** Top-k alternatives per position. */
  topIds: number[][];
  topLogprobs: number[][];
  sum: number;
  path: 'gpu' | 'cpu';
}

export interface LlmApi {
  capabilities(): Promise<Capabilities>;
  load(opts: LoadOptions, onProgress: (p: LoadProgress) => void): Promise<ModelInfo>;
  /** Greedy generation for a batch of user messages (chat template applied, left padding). */
  generate(
    prompts: string[],
    opts: GenerateOptions,
    onText?: (row: number, text: string) => void,
  ): Promise<GenerateResult>;
  logprobs(prompt: string, continuation: string, topK: number): Promise<LogprobsResult>;
}

/** Error codes the worker raises for model problems; the UI turns them into advice. */
export type ModelErrorCode =
  | 'missing_files'
  | 'corrupt_model'
  | 'unknown_architecture'
  | 'too_large'
  | 'revision_not_found'
  | 'network'
  | 'device_lost'
  | 'out_of_memory'
  | 'unsupported_dtype'
  | 'not_loaded'
  | 'cancelled';
