/// <reference types="@webgpu/types" />
// Shared by the kernel test page's modules (UI realm): the page's one WebGPU device and a seedable generator.
import { acquireGpu, type GpuContext } from '../../../src/shared/gpu/device.ts';

let gpu: Promise<GpuContext> | undefined;
/** Uncaptured errors and device loss on the page's device, for the tests to assert on. */
export const gpuErrors: string[] = [];
/** The page's device, acquired once; uncaptured errors and loss are collected in `gpuErrors`. */
export function context(): Promise<GpuContext> {
  gpu ??= acquireGpu({ label: 'KernelsPage.device', onError: (e) => gpuErrors.push(`${e.code}: ${e.message}`) });
  return gpu;
}

/** mulberry32: tiny, seedable, good enough for test inputs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
