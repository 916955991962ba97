/// <reference types="@webgpu/types" />
// Per-device state of the Yuma kernel: one shader module (the yuma_*.wgsl files joined), the two bind group layouts
// (group 0: every buffer; group 1: the per-epoch uniform with a dynamic offset), a pipeline per pass and workgroup
// size, and a promise tail that serializes calls on one device. Both realms (no DOM).
import common from '../../../../../shaders/yuma_common.wgsl?raw';
import epochPasses from '../../../../../shaders/yuma_epoch.wgsl?raw';
import consensusPass from '../../../../../shaders/yuma_consensus.wgsl?raw';
import bondsPass from '../../../../../shaders/yuma_bonds.wgsl?raw';
import setupPasses from '../../../../../shaders/yuma_setup.wgsl?raw';
import { GpuError, withErrorScopes } from '../../device.ts';

const OWNER = 'YumaKernel';
/** Entry points, in the order an epoch runs them (setup first, once per batch). */
export const YUMA_PASSES = [
  'setupThreshold',
  'setupStake',
  'applyChanges',
  'activeStake',
  'normalizeRows',
  'consensus',
  'bondsEma',
  'rowSums',
  'finish',
] as const;
export type YumaPass = (typeof YUMA_PASSES)[number];

const FILES = [
  ['yuma_common.wgsl', common],
  ['yuma_epoch.wgsl', epochPasses],
  ['yuma_consensus.wgsl', consensusPass],
  ['yuma_bonds.wgsl', bondsPass],
  ['yuma_setup.wgsl', setupPasses],
] as const;

/** Maps a line of the joined module back to its file, for compiler messages. */
function whereIs(line: number): string {
  let at = line;
  for (const [file, code] of FILES) {
    const lines = code.split('\n').length;
    if (at <= lines) return `${file}:${at}`;
    at -= lines;
  }
  return `line ${line}`;
}

export class YumaKernelState {
  readonly group0: GPUBindGroupLayout;
  readonly group1: GPUBindGroupLayout;
  private readonly module: GPUShaderModule;
  private readonly layout: GPUPipelineLayout;
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private tail: Promise<unknown> = Promise.resolve();
  private lost = false;

  constructor(readonly device: GPUDevice) {
    const storage = (type: GPUBufferBindingType) => ({ visibility: GPUShaderStage.COMPUTE, buffer: { type } });
    this.group0 = device.createBindGroupLayout({
      label: `${OWNER}.group0`,
      entries: [
        { binding: 0, ...storage('uniform') },
        ...[1, 2, 3, 4, 5, 6, 7].map((binding) => ({ binding, ...storage('storage') })),
        { binding: 8, ...storage('read-only-storage') },
      ],
    });
    this.group1 = device.createBindGroupLayout({
      label: `${OWNER}.group1`,
      entries: [
        {
          binding: 0,
          visibility: GPUShaderStage.COMPUTE,
          buffer: { type: 'uniform', hasDynamicOffset: true },
        },
      ],
    });
    this.layout = device.createPipelineLayout({
      label: `${OWNER}.pipelineLayout`,
      bindGroupLayouts: [this.group0, this.group1],
    });
    this.module = device.createShaderModule({
      label: `${OWNER}.shader`,
      code: FILES.map(([, code]) => code).join('\n'),
    });
    void device.lost.then(() => (this.lost = true));
  }

  /** The pipeline of one pass at workgroup size `wg`, created once (a failed creation is retried next call). */
  pipeline(pass: YumaPass, wg: number): Promise<GPUComputePipeline> {
    const key = `${pass}/${wg}`;
    let p = this.pipelines.get(key);
    if (!p) {
      p = this.device
        .createComputePipelineAsync({
          label: `${OWNER}.${pass}(WG=${wg})`,
          layout: this.layout,
          compute: { module: this.module, entryPoint: pass, constants: { WG: wg } },
        })
        .catch(async (err: unknown) => {
          this.pipelines.delete(key);
          const info = await this.module.getCompilationInfo();
          const wgsl = info.messages
            .filter((m) => m.type === 'error')
            .map((m) => `${whereIs(m.lineNum)}:${m.linePos}: ${m.message}`);
          throw new GpuError(
            'validation',
            `${OWNER}: pipeline ${pass} failed: ${[(err as Error).message, ...wgsl].join('\n')}`,
          );
        });
      this.pipelines.set(key, p);
    }
    return p;
  }

  /** Every pass's pipeline at workgroup size `wg`. */
  async all(wg: number): Promise<Record<YumaPass, GPUComputePipeline>> {
    const list = await Promise.all(YUMA_PASSES.map((pass) => this.pipeline(pass, wg)));
    return Object.fromEntries(YUMA_PASSES.map((pass, i) => [pass, list[i]!])) as Record<YumaPass, GPUComputePipeline>;
  }

  /** Runs `fn` after the previous call on this device, inside error scopes; names a lost device. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const call = this.tail
      .then(() => {
        if (this.lost) throw new Error('lost');
        return withErrorScopes(this.device, OWNER, fn);
      })
      .catch((err: unknown) => {
        if (!this.lost || err instanceof RangeError) throw err;
        throw new GpuError('device-lost', `${OWNER}: the WebGPU device was lost; acquire a new one.`);
      });
    this.tail = call.catch(() => undefined);
    return call;
  }
}

const states = new WeakMap<GPUDevice, YumaKernelState>();

export function yumaState(device: GPUDevice): YumaKernelState {
  let s = states.get(device);
  if (!s) {
    s = new YumaKernelState(device);
    states.set(device, s);
  }
  return s;
}
