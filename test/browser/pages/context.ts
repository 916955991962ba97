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

export { rng } from '../../support/rng.ts';
