/// <reference types="@webgpu/types" />
// WebGPU plumbing every kernel shares: adapter and device acquisition (clear errors when WebGPU is missing,
// optional features requested only when present, big-buffer limits raised, loss and uncaptured errors reported),
// error scopes as GpuErrors, and a staging ring for chunked uploads. Both realms (no DOM, no `self`).

export type GpuErrorCode =
  | 'no-webgpu' // navigator.gpu missing: old browser, insecure context, or WebGPU disabled
  | 'no-adapter' // requestAdapter() gave null: blocklisted GPU, or headless Chromium without --enable-unsafe-webgpu
  | 'device-failed' // requestDevice() rejected
  | 'device-lost' // the device went away (driver reset, tab in background too long, destroy())
  | 'validation' // a WebGPU validation error: a bug in our code
  | 'out-of-memory' // an allocation failed
  | 'too-large'; // the input does not fit the device's limits

export class GpuError extends Error {
  constructor(
    readonly code: GpuErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GpuError';
  }
}

export interface GpuContext {
  adapter: GPUAdapter;
  device: GPUDevice;
  /** Vendor, architecture; `isFallbackAdapter` is true for SwiftShader (CPU). Warn on it, don't refuse it. */
  info: GPUAdapterInfo;
  /** Settles when the device is lost; a GpuError with code 'device-lost' (reason 'destroyed' included). */
  lost: Promise<GpuError>;
}

export interface AcquireOptions {
  /** Becomes the device label (and the queue's): 'Arbiter.device' unless given. */
  label?: string;
  powerPreference?: GPUPowerPreference;
  /** Requested only where the adapter has them (e.g. 'shader-f16', 'subgroups', 'timestamp-query'). */
  optionalFeatures?: readonly GPUFeatureName[];
  /**
   * Limits raised to the adapter's maximum. The defaults (128 MiB per storage binding, 256 MiB per buffer) are
   * below what a 150k-vocab logits batch needs, and most adapters allow far more.
   */
  maxLimits?: readonly (keyof GPUSupportedLimits)[];
  /** Uncaptured errors (validation, out-of-memory, internal) and device loss; surface them to the user. */
  onError?: (error: GpuError) => void;
}

const DEFAULT_MAX_LIMITS = ['maxStorageBufferBindingSize', 'maxBufferSize'] as const;

/** `navigator.gpu`, or a GpuError explaining why WebGPU is unavailable. */
export function gpuOrThrow(): GPU {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  if (!nav?.gpu) {
    const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext;
    throw new GpuError(
      'no-webgpu',
      secure === false
        ? 'WebGPU needs a secure context: open the app over https or from http://localhost.'
        : 'This browser has no WebGPU (navigator.gpu is missing): use a current Chrome, Edge or Safari, ' +
            'or Firefox with WebGPU enabled. The CPU path still works.',
    );
  }
  return nav.gpu;
}

/**
 * Requests an adapter and a device. Throws GpuError 'no-webgpu', 'no-adapter' or 'device-failed' with a message
 * that says what to try next.
 */
export async function acquireGpu(options: AcquireOptions = {}): Promise<GpuContext> {
  const gpu = gpuOrThrow();
  const adapter = await gpu.requestAdapter(options.powerPreference ? { powerPreference: options.powerPreference } : {});
  if (!adapter) {
    throw new GpuError(
      'no-adapter',
      'WebGPU is present but no GPU adapter is available: the GPU may be blocklisted (check chrome://gpu) or ' +
        'disabled; headless Chromium needs --enable-unsafe-webgpu. The CPU path still works.',
    );
  }
  const requiredFeatures = (options.optionalFeatures ?? []).filter((f) => adapter.features.has(f));
  const requiredLimits: Record<string, number> = {};
  for (const name of options.maxLimits ?? DEFAULT_MAX_LIMITS) {
    const max = adapter.limits[name];
    if (typeof max === 'number') requiredLimits[name] = max;
  }
  const label = options.label ?? 'Arbiter.device';
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      label,
      requiredFeatures,
      requiredLimits,
      defaultQueue: { label: `${label}.queue` },
    });
  } catch (err) {
    throw new GpuError('device-failed', `Could not create a WebGPU device: ${(err as Error).message ?? String(err)}`);
  }
  const lost = device.lost.then((info) => {
    const error = new GpuError(
      'device-lost',
      info.reason === 'destroyed'
        ? 'The WebGPU device was destroyed.'
        : `The WebGPU device was lost (${info.message || 'no reason given'}): reload the page to get a new one.`,
    );
    if (info.reason !== 'destroyed') options.onError?.(error);
    return error;
  });
  device.addEventListener('uncapturederror', (event) => {
    options.onError?.(fromGpuError((event as GPUUncapturedErrorEvent).error, label));
  });
  return { adapter, device, info: adapter.info, lost };
}

function fromGpuError(error: GPUError, where: string): GpuError {
  if (error instanceof GPUOutOfMemoryError) {
    return new GpuError('out-of-memory', `${where}: the GPU ran out of memory (${error.message}). Try smaller inputs.`);
  }
  return new GpuError('validation', `${where}: WebGPU error: ${error.message}`);
}

/** The largest buffer one storage binding can take on this device (both limits apply), or `cap` if smaller. */
export function maxBindingBytes(limits: GPUSupportedLimits, cap = Infinity): number {
  return Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize, cap);
}

/**
 * Runs `fn` inside validation and out-of-memory error scopes and throws the first error as a GpuError, so that a
 * failed allocation or a bad dispatch rejects this call instead of only reaching the uncapturederror handler.
 * Scopes belong to the device, not to the async call: keep other work on the device out of an async `fn`.
 */
export async function withErrorScopes<T>(device: GPUDevice, where: string, fn: () => T | Promise<T>): Promise<T> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: { value: T } | { thrown: unknown };
  try {
    result = { value: await fn() };
  } catch (thrown) {
    result = { thrown };
  }
  // Pop both even when fn threw, or the scopes would leak into later work.
  const validation = await device.popErrorScope();
  const oom = await device.popErrorScope();
  const error = validation ?? oom;
  if (error) throw fromGpuError(error, where);
  if ('thrown' in result) throw result.thrown;
  return result.value;
}

/**
 * Reusable MAP_WRITE staging buffers for streaming large inputs in chunks: JS fills one while the GPU works on the
 * chunk before. On Chromium's SwiftShader, writeBuffer() of 153 MB took 120–140 ms (it travels through the IPC
 * command stream); staging through mapped buffers took ~70 ms. Call `stage()` for each copy, then `submitted()`
 * right after the queue.submit that carries them (a buffer cannot be mapped again before that submit).
 */
export class StagingRing {
  private readonly slots: { buffer: GPUBuffer; ready: Promise<unknown> }[] = [];
  private readonly pending: GPUBuffer[] = [];
  private next = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly label: string,
    private readonly count = 2,
  ) {}

  /** Copies `data` into the next staging buffer (waiting until it is free) and records its copy into `dst`. */
  async stage(encoder: GPUCommandEncoder, data: ArrayBufferView, dst: GPUBuffer, dstOffset = 0): Promise<void> {
    const bytes = data.byteLength; // a multiple of 4, as copyBufferToBuffer requires
    const i = this.next;
    this.next = (i + 1) % this.count;
    let slot = this.slots[i];
    if (!slot || slot.buffer.size < bytes) {
      slot?.buffer.destroy();
      const size = Math.max(16, Math.ceil(bytes / 16) * 16);
      const usage = GPUBufferUsage.MAP_WRITE | GPUBufferUsage.COPY_SRC;
      slot = {
        buffer: this.device.createBuffer({ label: `${this.label}.staging${i}`, size, usage, mappedAtCreation: true }),
        ready: Promise.resolve(),
      };
      this.slots[i] = slot;
    }
    await slot.ready;
    new Uint8Array(slot.buffer.getMappedRange(0, bytes)).set(new Uint8Array(data.buffer, data.byteOffset, bytes));
    slot.buffer.unmap();
    encoder.copyBufferToBuffer(slot.buffer, 0, dst, dstOffset, bytes);
    this.pending.push(slot.buffer);
  }

  /** Maps the buffers staged since the last call again, so that they are ready when their turn comes. */
  submitted(): void {
    for (const buffer of this.pending.splice(0)) {
      const slot = this.slots.find((s) => s.buffer === buffer);
      // A failed map (device lost, buffer replaced) surfaces at the next getMappedRange, with WebGPU's message.
      if (slot) slot.ready = buffer.mapAsync(GPUMapMode.WRITE).catch(() => undefined);
    }
  }

  destroy(): void {
    for (const slot of this.slots.splice(0)) slot.buffer.destroy();
  }
}
