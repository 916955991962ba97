// Runtime feature detection for subtensor, by the names in the runtime's metadata (chain.md §0.3): finney's runtime
// changes without notice, so specVersion is never used for this. UI realm; also runs in Node tests.
import type { ApiPromise } from '@polkadot/api';
import type { Metadata } from '@polkadot/types';

/** The names a runtime exposes, as written in its metadata (PascalCase pallets and items, snake_case API methods). */
export interface RuntimeNames {
  /** Pallet names, e.g. `SubtensorModule`. */
  pallets: ReadonlySet<string>;
  /** `Pallet.Item`, e.g. `SubtensorModule.SubnetEpochIndex`. */
  storage: ReadonlySet<string>;
  /** `RuntimeApi.method`, e.g. `SubnetInfoRuntimeApi.get_next_epoch_start_block`. */
  apis: ReadonlySet<string>;
}

export interface RuntimeFeatures {
  /** A: modulo epochs and a Uniswap-v3 pool (spec 393…422); B: stateful epochs and balancer pool (spec ≥ 425). */
  generation: 'A' | 'B' | 'mixed';
  /** `modulo`: epoch when `(b + netuid + 1) mod (tempo + 1) == tempo`; `stateful`: `SubnetEpochIndex` and friends. */
  epochScheduler: 'modulo' | 'stateful';
  /** `uniswap-v3`: `Swap.AlphaSqrtPrice`; `balancer`: `Swap.SwapBalancer`; `unknown`: neither. */
  swapPool: 'uniswap-v3' | 'balancer' | 'unknown';
  /** `blocks`: `ActivityCutoff[netuid]`; `factor-milli`: `ActivityCutoffFactorMilli[netuid] × Tempo / 1000`. */
  activityCutoff: 'blocks' | 'factor-milli' | 'unknown';
  /** `SubnetInfoRuntimeApi.get_next_epoch_start_block` exists. */
  nextEpochApi: boolean;
  /** The `Registry` pallet (17) is still present (gone in generation B). */
  registryPallet: boolean;
  /** `CommitRevealWeightsVersion` as read from storage, or null when the runtime has no such item. */
  commitRevealVersion: number | null;
}

export function namesFromMetadata(metadata: Metadata): RuntimeNames {
  const latest = metadata.asLatest;
  const pallets = new Set<string>();
  const storage = new Set<string>();
  for (const pallet of latest.pallets) {
    const name = pallet.name.toString();
    pallets.add(name);
    if (pallet.storage.isSome) for (const item of pallet.storage.unwrap().items) storage.add(`${name}.${item.name}`);
  }
  const apis = new Set<string>();
  for (const api of latest.apis) for (const method of api.methods) apis.add(`${api.name}.${method.name}`);
  return { pallets, storage, apis };
}

/** Everything except values that need a storage read. Pure, so it can be checked against edited name sets. */
export function detectFeatures(names: RuntimeNames): Omit<RuntimeFeatures, 'commitRevealVersion'> {
  const epochScheduler = names.storage.has('SubtensorModule.SubnetEpochIndex') ? 'stateful' : 'modulo';
  const swapPool = names.storage.has('Swap.SwapBalancer')
    ? 'balancer'
    : names.storage.has('Swap.AlphaSqrtPrice')
      ? 'uniswap-v3'
      : 'unknown';
  const activityCutoff = names.storage.has('SubtensorModule.ActivityCutoffFactorMilli')
    ? 'factor-milli'
    : names.storage.has('SubtensorModule.ActivityCutoff')
      ? 'blocks'
      : 'unknown';
  // The generation is a summary for display; code paths should branch on the individual features.
  const a = epochScheduler === 'modulo' && swapPool === 'uniswap-v3' && activityCutoff === 'blocks';
  const b = epochScheduler === 'stateful' && swapPool === 'balancer' && activityCutoff === 'factor-milli';
  return {
    generation: a ? 'A' : b ? 'B' : 'mixed',
    epochScheduler,
    swapPool,
    activityCutoff,
    nextEpochApi: names.apis.has('SubnetInfoRuntimeApi.get_next_epoch_start_block'),
    registryPallet: names.pallets.has('Registry'),
  };
}

/** Detects the features of the runtime `api` is connected to, reading `CommitRevealWeightsVersion` if it exists. */
export async function readFeatures(api: ApiPromise): Promise<RuntimeFeatures> {
  const names = namesFromMetadata(api.runtimeMetadata);
  let commitRevealVersion: number | null = null;
  if (names.storage.has('SubtensorModule.CommitRevealWeightsVersion')) {
    const value = await api.query.subtensorModule!.commitRevealWeightsVersion!();
    commitRevealVersion = Number(value.toString());
  }
  return { ...detectFeatures(names), commitRevealVersion };
}
