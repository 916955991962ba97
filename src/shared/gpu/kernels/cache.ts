/// <reference types="@webgpu/types" />
// Per-device state for the Judge kernels (dominance, bootstrap): the shader module, bind group layout, pipelines
// per override set and reusable buffers, plus a promise tail that serializes calls on one device and names a lost
// device. Both realms (no DOM). The log-prob kernel keeps its own (it also carries a staging ring).
import { GpuError, withErrorScopes } from '../device.ts';

export interface KernelSpec {
  /** 'Owner' part of every label, e.g. 'DominanceKernel'. */
  owner: string;
  /** File name for compiler messages, e.g. 'dominance.wgsl'. */
  file: string;
  code: string;
  /** Binding types in binding order (the kernel's only bind group, group 0). */
  bindings: GPUBufferBindingType[];
}

export class KernelCache {
  readonly layout: GPUBindGroupLayout;
  private readonly module: GPUShaderModule;
  private readonly pipelineLayout: GPUPipelineLayout;
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly buffers = new Map<string, GPUBuffer>();
  private tail: Promise<unknown> = Promise.resolve();
  private lost = false;

  constructor(
    readonly device: GPUDevice,
    readonly spec: KernelSpec,
  ) {
    const { owner } = spec;
    this.layout = device.createBindGroupLayout({
      label: `${owner}.bindGroupLayout`,
      entries: spec.bindings.map((type, binding) => ({
        binding,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type },
      })),
    });
    this.module = device.createShaderModule({ label: `${owner}.shader`, code: spec.code });
    this.pipelineLayout = device.createPipelineLayout({
      label: `${owner}.pipelineLayout`,
      bindGroupLayouts: [this.layout],
    });
    void device.lost.then(() => (this.lost = true));
  }

  /** The pipeline for these override constants, created once (a failed creation is retried by the next call). */
  pipeline(constants: Record<string, number>): Promise<GPUComputePipeline> {
    const key = JSON.stringify(constants);
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      const { owner, file } = this.spec;
      pipeline = this.device
        .createComputePipelineAsync({
          label: `${owner}.pipeline(${key})`,
          layout: this.pipelineLayout,
          compute: { module: this.module, entryPoint: 'main', constants },
        })
        .catch(async (err: unknown) => {
          this.pipelines.delete(key);
          // The pipeline error only says "invalid ShaderModule"; the WGSL compiler's messages say why.
          const info = await this.module.getCompilationInfo();
          const wgsl = info.messages
            .filter((m) => m.type === 'error')
            .map((m) => `${file}:${m.lineNum}:${m.linePos}: ${m.message}`);
          throw new GpuError(
            'validation',
            `${owner}: pipeline creation failed: ${[(err as Error).message, ...wgsl].join('\n')}`,
          );
        });
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /** A buffer of at least `size` bytes, reused across calls; replaced (the old one destroyed) when too small. */
  buffer(name: string, size: number, usage: number): GPUBuffer {
    const old = this.buffers.get(name);
    if (old && old.size >= size) return old;
    old?.destroy();
    const buffer = this.device.createBuffer({
      label: `${this.spec.owner}.${name}`,
      size: Math.max(16, Math.ceil(size / 16) * 16),
      usage,
    });
    this.buffers.set(name, buffer);
    return buffer;
  }

  /** A bind group over `buffers`, in binding order. */
  bindGroup(buffers: GPUBuffer[]): GPUBindGroup {
    return this.device.createBindGroup({
      label: `${this.spec.owner}.bindGroup`,
      layout: this.layout,
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  }

  /** Copies `bytes` of `src` out through the named MAP_READ buffer. */
  async read(src: GPUBuffer, bytes: number, name = 'readback'): Promise<ArrayBuffer> {
    const readBuf = this.buffer(name, bytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    const encoder = this.device.createCommandEncoder({ label: `${this.spec.owner}.readbackEncoder` });
    encoder.copyBufferToBuffer(src, 0, readBuf, 0, Math.ceil(bytes / 4) * 4);
    this.device.queue.submit([encoder.finish()]);
    await readBuf.mapAsync(GPUMapMode.READ, 0, Math.max(16, Math.ceil(bytes / 16) * 16));
    const copy = readBuf.getMappedRange(0, bytes).slice(0);
    readBuf.unmap();
    return copy;
  }

  /**
   * Runs `fn` after the previous call on this device settled, inside error scopes (scopes belong to the device,
   * so calls must not interleave); a call failing because the device was lost rejects with GpuError 'device-lost'.
   */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const owner = this.spec.owner;
    const call = this.tail
      .then(() => {
        if (this.lost) throw new Error('lost');
        return withErrorScopes(this.device, owner, fn);
      })
      .catch((err: unknown) => {
        // A loss mid-call surfaces as assorted WebGPU errors (mapAsync aborted, invalid buffers): name it.
        if (!this.lost || err instanceof RangeError) throw err;
        throw new GpuError('device-lost', `${owner}: the WebGPU device was lost; acquire a new one.`);
      });
    this.tail = call.catch(() => undefined);
    return call;
  }
}

/** One KernelCache per (device, kernel), dropped with the device. */
export function cacheFor(device: GPUDevice, spec: KernelSpec, caches: WeakMap<GPUDevice, KernelCache>): KernelCache {
  let cache = caches.get(device);
  if (!cache) {
    cache = new KernelCache(device, spec);
    caches.set(device, cache);
  }
  return cache;
}
