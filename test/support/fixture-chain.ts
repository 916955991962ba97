// The chain side of the fixture node: finney's real metadata (read from ../shared at run time, never copied), a
// TypeRegistry built from it, and helpers that encode storage keys, storage values and runtime-API results with that
// registry. Node realm, tests only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metadata, TypeRegistry, expandMetadata, unwrapStorageType } from '@polkadot/types';
import type { Header, RuntimeVersion } from '@polkadot/types/interfaces';
import { blake2AsHex } from '@polkadot/util-crypto';
import { bnToU8a, compactStripLength, compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
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
      // The raw value, never wrapped in Option: an optional item is absent or holds the plain value.
      return u8aToHex(registry.createType(unwrapStorageType(registry, meta.type), value).toU8a());
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
  return chain.registry.createType<Header>('Header', {
    parentHash: seed(Math.max(number - 1, 0)),
    number,
    stateRoot: blake2AsHex(`arbiter-fixture-state-${number}`),
    extrinsicsRoot: blake2AsHex(`arbiter-fixture-extrinsics-${number}`),
    digest: { logs: [] },
  });
}

/** One event as a test scripts it: pallet and event names as in the metadata, arguments as createType values. */
export interface EventSpec {
  pallet: string;
  event: string;
  args: unknown[];
}

function eventBytes(chain: FixtureChain, e: EventSpec): Uint8Array {
  const pallet = chain.metadata.asLatest.pallets.find((p) => p.name.eq(e.pallet));
  if (!pallet?.events.isSome) throw new Error(`fixture metadata has no events for pallet ${e.pallet}`);
  const variants = chain.registry.lookup.getSiType(pallet.events.unwrap().type).def.asVariant.variants;
  const v = variants.find((x) => x.name.eq(e.event));
  if (!v) throw new Error(`fixture metadata has no event ${e.pallet}.${e.event}`);
  const fields = v.fields.map((f, i) =>
    chain.registry.createType(chain.registry.createLookupType(f.type), e.args[i]).toU8a(),
  );
  return u8aConcat(new Uint8Array([pallet.index.toNumber(), v.index.toNumber()]), ...fields);
}

/**
 * The `System.Events` value of a block whose extrinsic number `extrinsic` emitted `events`. Built byte by byte (phase
 * ApplyExtrinsic, pallet and variant index, fields, no topics): createType does not take events in JSON form.
 */
export function eventRecords(chain: FixtureChain, blocks: { extrinsic: number; events: EventSpec[] }[]): string {
  const records = blocks.flatMap(({ extrinsic, events }) =>
    events.map((e) =>
      u8aConcat(new Uint8Array([0]), bnToU8a(extrinsic, { bitLength: 32 }), eventBytes(chain, e), new Uint8Array([0])),
    ),
  );
  return u8aToHex(u8aConcat(compactToU8a(records.length), ...records));
}

const DISPATCH_INFO = { weight: { refTime: 1_000_000, proofSize: 0 }, class: 'Normal', paysFee: 'No' };

export const extrinsicSuccess = (): EventSpec => ({
  pallet: 'System',
  event: 'ExtrinsicSuccess',
  args: [DISPATCH_INFO],
});

/** `System.ExtrinsicFailed` with the named module error, e.g. ('SubtensorModule', 'SettingWeightsTooFast'). */
export function extrinsicFailed(chain: FixtureChain, pallet: string, error: string): EventSpec {
  const p = chain.metadata.asLatest.pallets.find((x) => x.name.eq(pallet));
  if (!p?.errors.isSome) throw new Error(`fixture metadata has no errors for pallet ${pallet}`);
  const variants = chain.registry.lookup.getSiType(p.errors.unwrap().type).def.asVariant.variants;
  const v = variants.find((x) => x.name.eq(error));
  if (!v) throw new Error(`fixture metadata has no error ${pallet}.${error}`);
  const code = u8aToHex(new Uint8Array([v.index.toNumber(), 0, 0, 0]));
  return {
    pallet: 'System',
    event: 'ExtrinsicFailed',
    args: [{ Module: { index: p.index.toNumber(), error: code } }, DISPATCH_INFO],
  };
}
