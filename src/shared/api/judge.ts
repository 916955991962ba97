// The scoring worker's API (workers/judge.worker.ts), declared once as types; the UI imports them with `import type`
// (through src/judge/worker-client.ts). Both realms.
import type { BootstrapInput, BootstrapResult } from '../judge/bootstrap-cpu.ts';
import type { DominanceInput, DominanceResult } from '../judge/dominance-cpu.ts';
import type { YumaOutputs, YumaScenario } from '../yuma/types.ts';

export type { BootstrapInput, BootstrapResult, DominanceInput, DominanceResult, YumaOutputs, YumaScenario };

/** Per scenario, per epoch: what Yuma Consensus reports. */
export interface YumaResult {
  epochs: YumaOutputs[][];
}

/** Where the kernels run: WebGPU, or the CPU reference (identical results either way). */
export type ScoringBackendKind = 'gpu' | 'cpu';

export interface ScoringBackend {
  kind: ScoringBackendKind;
  /** 'vendor/architecture' of the WebGPU adapter, with ' (fallback)' for software adapters such as SwiftShader. */
  adapter?: string;
  /** Why the CPU is used: asked for, no WebGPU, no adapter, or the GPU error that made the worker fall back. */
  reason?: string;
}

/** 'cpu' skips WebGPU entirely; 'gpu' (default) uses it when an adapter exists. */
export type ScoringPreference = ScoringBackendKind;

/** Results say which backend computed them. */
export type Scored<T> = T & { backend: ScoringBackendKind };

export interface JudgeApi {
  /** The backend the next call with this preference will use (acquires the GPU device on first use). */
  backend(prefer: ScoringPreference): Promise<ScoringBackend>;
  /** Subset-dominance counts (see dominanceCpu). */
  dominance(input: DominanceInput, prefer: ScoringPreference): Promise<Scored<DominanceResult>>;
  /** Bootstrap intervals of per-cell means (see bootstrapCpu). */
  bootstrap(input: BootstrapInput, prefer: ScoringPreference): Promise<Scored<BootstrapResult>>;
  /** Yuma Consensus over a batch of scenarios (see simulateCpu; the GPU agrees to 1e-4). */
  yuma(scenarios: YumaScenario[], prefer: ScoringPreference): Promise<Scored<YumaResult>>;
}
