// Loading a model in the worker: source, device and dtype choice, size check, progress, warm-up. Worker realm.
import {
  AutoModelForCausalLM,
  AutoTokenizer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import type { Device, Dtype, LoadOptions, LoadProgress, ModelInfo } from '../../src/shared/api/llm.ts';
import { dtypeCandidates, memoryBudget, probe } from './capabilities.ts';
import { classifyError, ModelError } from './errors.ts';
import { configureRuntime, sourceName, useSource } from './sources.ts';

export interface Loaded {
  model: PreTrainedModel;
  tokenizer: PreTrainedTokenizer;
  info: ModelInfo;
}

const SUFFIX: Record<Dtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', q4: '_q4', q4f16: '_q4f16' };

/** Bytes of the model's ONNX file(s) for a dtype, from response headers (no body is read); null when unknown. */
async function modelBytes(base: string, dtype: Dtype): Promise<number | null> {
  const url = `${base}onnx/model${SUFFIX[dtype]}.onnx`;
  const res = await env.fetch(url, { method: 'HEAD' }).catch(() => null);
  if (!res) return null;
  if (res.status === 404) return -1;
  const n = Number(res.headers.get('Content-Length'));
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Files every model folder needs; transformers.js fails obscurely without them (browser.md §5.2, trap 3). */
const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

/**
 * Checks the required files before loading, so a missing one is named. The Hub says why a file is missing in
 * X-Error-Code (RepoNotFound, RevisionNotFound, EntryNotFound).
 */
async function checkFiles(base: string, name: string): Promise<void> {
  const missing: string[] = [];
  for (const f of REQUIRED) {
    const res = await env.fetch(base + f, { method: 'HEAD' });
    if (res.ok) continue;
    const why = res.headers.get('X-Error-Code');
    if (why === 'RevisionNotFound')
      throw new ModelError(
        'revision_not_found',
        `Revision not found for ${name}: check the branch, tag or commit hash.`,
      );
    if (why === 'RepoNotFound' || res.status === 401)
      throw new ModelError(
        'missing_files',
        `${name} does not exist on the Hub, or is private (the browser sends no token).`,
      );
    if (res.status === 404) missing.push(f);
    else throw new ModelError('network', `Fetching ${base + f} failed with HTTP ${res.status}.`);
  }
  if (missing.length)
    throw new ModelError(
      'missing_files',
      `${name} is missing ${missing.join(', ')}. A model folder needs config.json, tokenizer.json, tokenizer_config.json and onnx/model*.onnx.`,
    );
}

function resolvedBase(id: string, revision?: string): string {
  return (
    env.remoteHost +
    env.remotePathTemplate.replaceAll('{model}', id).replaceAll('{revision}', encodeURIComponent(revision ?? 'main'))
  );
}

export async function loadModel(opts: LoadOptions, onProgress: (p: LoadProgress) => void): Promise<Loaded> {
  const t0 = performance.now();
  const name = sourceName(opts.source);
  configureRuntime();
  const { caps, adapter } = await probe();
  if (opts.device === 'webgpu' && !caps.webgpu)
    throw new ModelError(
      'device_lost',
      'WebGPU is not available in this browser (no adapter). Choose the WASM device.',
    );
  const device: Device = opts.device === 'auto' ? (caps.webgpu ? 'webgpu' : 'wasm') : opts.device;
  if ((opts.dtype === 'fp16' || opts.dtype === 'q4f16') && device === 'webgpu' && !caps.shaderF16)
    throw new ModelError(
      'unsupported_dtype',
      `${opts.dtype} needs shader-f16, which this GPU lacks. Choose fp32 or q4.`,
    );
  const candidates = opts.dtype === 'auto' ? dtypeCandidates(device, caps) : [opts.dtype];

  const { id, revision } = useSource(opts.source);
  const progress_callback = (p: { status: string; file?: string; loaded?: number; total?: number }) => {
    if (p.status === 'progress' && p.file)
      onProgress({ status: 'download', file: p.file, loaded: p.loaded ?? 0, total: p.total ?? 0 });
    else if (p.status === 'done' && p.file) onProgress({ status: 'done', file: p.file });
  };
  try {
    const base = resolvedBase(id, revision);
    await checkFiles(base, name);
    const tokenizer = await AutoTokenizer.from_pretrained(id, { revision, progress_callback });
    let lastMissing: unknown = null;
    for (const dtype of candidates) {
      const bytes = await modelBytes(base, dtype);
      if (bytes === -1) {
        lastMissing = new ModelError(
          'missing_files',
          `${name} has no onnx/model${SUFFIX[dtype]}.onnx (dtype ${dtype}).`,
        );
        continue;
      }
      const budget = memoryBudget(device, adapter);
      if (bytes !== null && bytes > budget)
        throw new ModelError(
          'too_large',
          `${name} (${(bytes / 2 ** 30).toFixed(1)} GiB as ${dtype}) is larger than this device can hold (about ${(budget / 2 ** 30).toFixed(1)} GiB on ${device}). Choose a smaller model or a 4-bit dtype.`,
        );
      onProgress({ status: 'compile', message: `Creating the ${device} session (${dtype})…` });
      const model = await AutoModelForCausalLM.from_pretrained(id, { revision, device, dtype, progress_callback });
      const config = model.config as unknown as { model_type?: string; vocab_size?: number };
      const hasChatTemplate = !!(tokenizer as unknown as { chat_template?: unknown }).chat_template;
      const warnings: string[] = [];
      if (!hasChatTemplate) warnings.push('The tokenizer has no chat template: prompts are sent as plain text.');
      if (device === 'webgpu' && caps.adapter?.isFallback)
        warnings.push('WebGPU runs on a software adapter (no GPU found): expect CPU speed.');
      const info: ModelInfo = {
        name,
        device,
        dtype,
        modelType: config.model_type ?? 'unknown',
        vocabSize: config.vocab_size ?? 0,
        hasChatTemplate,
        loadMs: 0,
        warnings,
      };
      const loaded = { model, tokenizer, info };
      await warmUp(loaded);
      info.loadMs = performance.now() - t0;
      onProgress({ status: 'ready' });
      return loaded;
    }
    throw lastMissing ?? new ModelError('missing_files', `${name} has no ONNX model file.`);
  } catch (e) {
    throw classifyError(e, name);
  }
}

/** The first WebGPU run compiles shaders (seconds on SwiftShader); do it now rather than in the first task. */
async function warmUp({ model, tokenizer }: Loaded): Promise<void> {
  const inputs = tokenizer('warm up');
  await model.generate({ ...inputs, max_new_tokens: 1, do_sample: false });
}
