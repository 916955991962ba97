// What this worker's device offers, and which dtypes to try on it. Worker realm.
import type { Capabilities, Device, Dtype } from '../../src/shared/api/llm.ts';

let cached: Promise<{ caps: Capabilities; adapter: GPUAdapter | null }> | null = null;

/** Probes WebGPU once per worker. SwiftShader (no GPU) is reported as a fallback adapter, not refused. */
export function probe(): Promise<{ caps: Capabilities; adapter: GPUAdapter | null }> {
  cached ??= (async () => {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
    const info = adapter?.info;
    return {
      adapter,
      caps: {
        webgpu: !!adapter,
        shaderF16: !!adapter?.features.has('shader-f16'),
        adapter: adapter
          ? {
              vendor: info?.vendor ?? '',
              architecture: info?.architecture ?? '',
              isFallback:
                !!(info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter ||
                info?.architecture === 'swiftshader',
            }
          : null,
      },
    };
  })();
  return cached;
}

/**
 * dtypes to try, best first. fp16 kinds only with shader-f16; q8 is avoided on WebGPU, where it gave gibberish without
 * fp16 (transformers.js #1286). A model folder need not have every file, so loading walks this list.
 */
export function dtypeCandidates(device: Device, caps: Capabilities): Dtype[] {
  if (device === 'wasm') return ['q8', 'q4', 'fp32'];
  return caps.shaderF16 ? ['q4f16', 'fp16', 'q4', 'fp32'] : ['q4', 'fp32'];
}

/** Rough byte budget for model weights on the device: wasm32 addresses 4 GiB, GPUs are bounded by device memory. */
export function memoryBudget(device: Device, adapter: GPUAdapter | null): number {
  const deviceGiB = (navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? 8;
  const host = deviceGiB * 0.6 * 2 ** 30;
  if (device === 'wasm') return Math.min(host, 3 * 2 ** 30);
  const bufferCap = adapter?.limits.maxBufferSize ?? 2 ** 30;
  // Weights are split across many buffers; the total still has to fit in (shared) memory.
  return Math.max(bufferCap, Math.min(host, 16 * 2 ** 30));
}
