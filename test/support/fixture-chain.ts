// The chain side of the fixture node: finney's real metadata (read from ../shared at run time, never copied), a
// TypeRegistry built from it, and helpers that encode storage keys, storage values and runtime-API results with that
// registry. Node realm, tests only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metadata, TypeRegistry, expandMetadata, unwrapStorageType } from '@polkadot/types';
import type { RuntimeVersion } from '@polkadot/types/interfaces';
import { blake2AsHex } from '@polkadot/util-crypto';
import { compactStripLength, u8aToHex } from '@polkadot/util';
import { ROOT } from './cli.ts';

export const FIXTURE_METADATA = join(ROOT, '../shared/fixtures/chain/finney-metadata-v16-2026-04.scale');

/** From shared/fixtures/chain/README.md (and chain.md §1.1). */
export const FINNEY_GENESIS = '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03';

// Values are hex of `toU8a()`, never `toHex()`: on integers `toHex()` is the big-endian number, not SCALE.
export interface FixtureChain {
  registry: TypeRegistry;
  metadata: Metadata;
  /** The raw metadata file as hex, as `state_getMetadata` returns it. */
  metadataHex: string;
  /** The metadata's own `System.Version` constant. */
  version: RuntimeVersion;
  /** Storage key of `api.query[section][method](...args)`, e.g. `storageKey('subtensorModule', 'tempo', 1)`. */
  storageKey(section: string, method: string, ...args: unknown[]): string;
  /** SCALE hex of `value` as the value type of that storage item. */
  storageValue(section: string, method: string, value: unknown): string;
  /** SCALE hex of `value` as the output type of runtime API `api.method` (metadata names, e.g. `SwapRuntimeApi`). */
  callResult(api: string, method: string, value: unknown): string;
}

let cached: FixtureChain | undefined;

/** Decodes the fixture once per process and shares it. */
export function loadFixtureChain(): FixtureChain {
  if (cached) return cached;
  const bytes = readFileSync(FIXTURE_METADATA);
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, bytes);
  registry.setMetadata(metadata);
  const system = metadata.asLatest.pallets.find((p) => p.name.eq('System'))!;
  const versionBytes = system.constants.find((c) => c.name.eq('Version'))!.value;
  const version = registry.createType<RuntimeVersion>('RuntimeVersion', versionBytes);
  const decorated = expandMetadata(registry, metadata);
  const entry = (section: string, method: string) => {
    const found = decorated.query[section]?.[method];
    if (!found) throw new Error(`fixture metadata has no storage item ${section}.${method}`);
    return found;
  };
  const loaded: FixtureChain = {
    registry,
    metadata,
    metadataHex: u8aToHex(bytes),
    version,
    storageKey: (section, method, ...args) => {
      // The decorated function returns the key with a compact length prefix; the RPCs take it without.
      const [, key] = compactStripLength(entry(section, method)(...args));
      return u8aToHex(key);
    },
    storageValue: (section, method, value) => {
      const meta = entry(section, method).meta;
      return u8aToHex(
        registry.createType(unwrapStorageType(registry, meta.type, meta.modifier.isOptional), value).toU8a(),
      );
    },
    callResult: (api, method, value) => {
      const found = metadata.asLatest.apis.find((a) => a.name.eq(api))?.methods.find((m) => m.name.eq(method));
      if (!found) throw new Error(`fixture metadata has no runtime API ${api}.${method}`);
      return u8aToHex(registry.createType(registry.createLookupType(found.output), value).toU8a());
    },
  };
  cached = loaded;
  return loaded;
}

/**
 * Header of block `number` of the scripted chain. Parent hashes are derived from the number rather than from the
 * previous header, so any head can be set without building the chain up to it; @polkadot/api does not check links.
 */
export function fixtureHeader(chain: FixtureChain, number: number, genesis: string) {
  const seed = (n: number) => (n === 0 ? genesis : blake2AsHex(`arbiter-fixture-block-${n}`));
  return chain.registry.createType('Header', {
    parentHash: seed(Math.max(number - 1, 0)),
    number,
    stateRoot: blake2AsHex(`arbiter-fixture-state-${number}`),
    extrinsicsRoot: blake2AsHex(`arbiter-fixture-extrinsics-${number}`),
    digest: { logs: [] },
  });
}
