// Log-probabilities of a continuation after a prompt: one forward pass, then log-softmax, gather and top-k in the
// WGSL kernel when WebGPU is present (CPU reference otherwise). Worker realm.
import { Tensor } from '@huggingface/transformers';
import type { LogprobsResult as ApiResult } from '../../src/shared/api/llm.ts';
import { acquireGpu, type GpuContext } from '../../src/shared/gpu/device.ts';
import { logprobsGpu } from '../../src/shared/gpu/kernels/logprobs.ts';
import { logprobsCpu, type LogprobsResult } from '../../src/shared/logprobs-cpu.ts';
import { probe } from './capabilities.ts';
import { renderPrompt } from './generate.ts';
import type { Loaded } from './load.ts';

let gpu: Promise<GpuContext | null> | null = null;

/** The kernel's own device (separate from ONNX Runtime's), acquired once; null without WebGPU. */
function kernelDevice(): Promise<GpuContext | null> {
  gpu ??= probe().then(({ caps }) => (caps.webgpu ? acquireGpu({ label: 'Logprobs.device' }).catch(() => null) : null));
  return gpu;
}

const ids = (t: Tensor): bigint[] => (t.tolist() as bigint[][])[0]!;

export async function continuationLogprobs(
  loaded: Loaded,
  prompt: string,
  continuation: string,
  topK: number,
): Promise<ApiResult> {
  const { model, tokenizer, info } = loaded;
  const promptIds = ids(
    (tokenizer(renderPrompt(loaded, prompt), { add_special_tokens: !info.hasChatTemplate }) as { input_ids: Tensor })
      .input_ids,
  );
  const contIds = ids((tokenizer(continuation, { add_special_tokens: false }) as { input_ids: Tensor }).input_ids);
  if (contIds.length === 0) throw new RangeError('The continuation is empty after tokenisation.');
  const all = [...promptIds, ...contIds];
  const n = all.length;
  const input_ids = new Tensor('int64', BigInt64Array.from(all), [1, n]);
  const attention_mask = new Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]);
  const out = (await model({ input_ids, attention_mask })) as { logits: Tensor };
  const [, , vocab] = out.logits.dims as [number, number, number];
  const data = out.logits.data as Float32Array;
  // Row t predicts token t+1: the continuation's tokens are predicted by rows P-1 .. P+C-2.
  const P = promptIds.length;
  const C = contIds.length;
  const logits = data.slice((P - 1) * vocab, (P - 1 + C) * vocab);
  out.logits.dispose();
  const targets = Uint32Array.from(contIds, Number);
  // The kernel follows the model's device: a user who chose WASM has no GPU worth using (or none at all).
  const ctx = info.device === 'webgpu' ? await kernelDevice() : null;
  let r: LogprobsResult;
  let path: 'gpu' | 'cpu' = 'cpu';
  if (ctx) {
    r = await logprobsGpu(ctx.device, logits, C, vocab, targets, topK);
    path = 'gpu';
  } else r = logprobsCpu(logits, C, vocab, targets, topK);
  const lp = Array.from(r.targetLogprobs);
  return {
    tokens: contIds.map(Number),
    logprobs: lp,
    topIds: Array.from({ length: C }, (_, i) => Array.from(r.topIds.subarray(i * topK, (i + 1) * topK))),
    topLogprobs: Array.from({ length: C }, (_, i) => Array.from(r.topLogprobs.subarray(i * topK, (i + 1) * topK))),
    sum: lp.reduce((a, b) => a + b, 0),
    path,
  };
}
