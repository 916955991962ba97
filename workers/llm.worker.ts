// The model worker: one model per worker (only terminating a worker reliably frees its memory), loaded with
// transformers.js on WebGPU or WASM; greedy batched generation and log-probs. Worker realm, exposed with comlink.
import { expose } from 'comlink';
import type { LlmApi } from '../src/shared/api/llm.ts';
import { classifyError, ModelError } from './llm/errors.ts';
import { generateBatch } from './llm/generate.ts';
import { continuationLogprobs } from './llm/logprobs.ts';
import { loadModel, type Loaded } from './llm/load.ts';
import { probe } from './llm/capabilities.ts';

let loaded: Loaded | null = null;

function current(): Loaded {
  if (!loaded) throw new ModelError('not_loaded', 'No model is loaded in this worker: load one first.');
  return loaded;
}

const api = {
  async capabilities() {
    return (await probe()).caps;
  },
  async load(opts, onProgress) {
    if (loaded)
      throw new ModelError('not_loaded', 'This worker already holds a model; start a fresh worker to switch.');
    loaded = await loadModel(opts, onProgress);
    return loaded.info;
  },
  async generate(prompts, opts, onText) {
    const l = current();
    try {
      return await generateBatch(l, prompts, opts, onText);
    } catch (e) {
      throw classifyError(e, l.info.name);
    }
  },
  async logprobs(prompt, continuation, topK) {
    const l = current();
    try {
      return await continuationLogprobs(l, prompt, continuation, topK);
    } catch (e) {
      throw classifyError(e, l.info.name);
    }
  },
} satisfies LlmApi;

expose(api);
