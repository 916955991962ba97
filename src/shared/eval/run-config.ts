// What a run evaluates: model, environments and task ids (range, list or seeded random), plus sharding. Both realms.
import { PythonRandom } from '../random/python-random.ts';

/** Task ids above this are refused: keys are stored as 20-digit decimal strings. */
export const MAX_TASK_ID = (1n << 64n) - 1n;

export type IdSpec =
  | { kind: 'range'; start: string; end: string } // inclusive, decimal strings (bigint-safe)
  | { kind: 'list'; ids: string[] }
  | { kind: 'random'; n: number; seed: number; max: string }; // n distinct ids in [0, max)

export interface Shard {
  /** 1-based index of this shard. */
  index: number;
  count: number;
}

/** A model behind an OpenAI-compatible endpoint. */
export interface EndpointModelSpec {
  kind: 'openai';
  baseUrl: string;
  model: string;
  revision?: string;
}

/** Where an in-browser model comes from; a picked folder is stored by name only (its files are not kept). */
export type BrowserModelSource =
  | { kind: 'bundled'; id: string }
  | { kind: 'hub'; id: string; revision?: string; host?: string }
  | { kind: 'url'; url: string }
  | { kind: 'folder'; name: string };

/** A model run in this browser by the model worker (transformers.js). */
export interface BrowserModelSpec {
  kind: 'browser';
  source: BrowserModelSource;
  device: 'auto' | 'webgpu' | 'wasm';
  dtype: 'auto' | 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16';
  /** Prompts generated together. */
  batch: number;
  maxNewTokens: number;
}

export type ModelSpec = EndpointModelSpec | BrowserModelSpec;

/** The model's name as stored in samples (`model`) and shown in tables. */
export function modelName(m: ModelSpec): string {
  if (m.kind === 'openai') return m.model;
  const s = m.source;
  return s.kind === 'url' ? s.url : s.kind === 'folder' ? s.name : s.id;
}

/** Where the model lives, for run lists: endpoint URL, or device and source kind. */
export function modelWhere(m: ModelSpec): string {
  if (m.kind === 'openai') return m.baseUrl;
  return `in browser (${m.source.kind}, ${m.device}, ${m.dtype}, batch ${m.batch})`;
}

export function modelRevision(m: ModelSpec): string | null {
  if (m.kind === 'openai') return m.revision ?? null;
  return m.source.kind === 'hub' ? (m.source.revision ?? null) : null;
}

/** The program dataset of ABD, DED and PRINT: generated offline, or stored rows (imported or downloaded). */
export type DatasetSpec =
  | { kind: 'generated'; seed: number; size: number }
  | { kind: 'stored'; id: string; name: string }
  /** Rows the CLI serves to the page from a local file (headless runs only). */
  | { kind: 'cli'; name: string; length: number };

export interface RunConfig {
  model: ModelSpec;
  dataset?: DatasetSpec;
  /** Environment ids, e.g. ['sat']. */
  envs: string[];
  ids: IdSpec;
  shard?: Shard;
  concurrency: number;
  maxTokens?: number;
  timeoutMs?: number;
}

export class IdSpecError extends Error {
  override name = 'IdSpecError';
}

const DECIMAL = /^\d+$/;

function parseId(text: string): bigint {
  const t = text.trim();
  if (!DECIMAL.test(t))
    throw new IdSpecError(`"${text}" is not a task id: use non-negative whole numbers like 0, 7, 20100.`);
  const v = BigInt(t);
  if (v > MAX_TASK_ID) throw new IdSpecError(`Task id ${t} is above the largest supported id, 2^64 - 1.`);
  return v;
}

/**
 * Parses the CLI/UI id syntax: "0-99" (inclusive range), "0,5,9" (list), or a mix "0-9,20,30-31" (a list).
 * @throws IdSpecError with a message naming the bad part.
 */
export function parseIdSpec(text: string): IdSpec {
  const parts = text.split(',').map((p) => p.trim());
  if (text.trim() === '' || parts.some((p) => p === ''))
    throw new IdSpecError('Task ids are empty: give a range like 0-99, a list like 0,5,9, or both.');
  const ranges = parts.map((p) => {
    const m = /^(\S+?)\s*-\s*(\S+)$/.exec(p);
    if (!m) {
      const v = parseId(p);
      return [v, v] as const;
    }
    const a = parseId(m[1]!);
    const b = parseId(m[2]!);
    if (b < a) throw new IdSpecError(`Range "${p}" runs backwards: write the smaller id first.`);
    return [a, b] as const;
  });
  if (ranges.length === 1) return { kind: 'range', start: ranges[0]![0].toString(), end: ranges[0]![1].toString() };
  // Overlapping parts ("0-5,3-8", "1,1") name each id once: a (env, task) is one sample, in storage and in JSONL.
  const ids = new Set<string>();
  for (const [a, b] of ranges) {
    if (b - a > 10_000_000n) throw new IdSpecError(`Range ${a}-${b} inside a list is too long; use it on its own.`);
    for (let v = a; v <= b; v++) ids.add(v.toString());
  }
  return { kind: 'list', ids: [...ids] };
}

/** Validates a seeded-random spec: n distinct ids drawn from [0, max). */
export function randomIdSpec(n: number, seed: number, max: bigint = 1n << 53n): IdSpec {
  if (!Number.isInteger(n) || n < 1) throw new IdSpecError('The number of random task ids must be a whole number ≥ 1.');
  if (!Number.isInteger(seed) || seed < 0) throw new IdSpecError('The random seed must be a whole number ≥ 0.');
  if (BigInt(n) > max) throw new IdSpecError(`Cannot draw ${n} distinct ids below ${max}.`);
  return { kind: 'random', n, seed, max: max.toString() };
}

/** Parses "i/n" (1-based): shard i of n takes every n-th id, starting with the i-th. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new IdSpecError(`Shard "${text}" should look like 2/8 (this machine's part, 1-based, of 8).`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new IdSpecError(`Shard ${text}: the number of parts must be at least 1.`);
  if (index < 1 || index > count) throw new IdSpecError(`Shard ${text}: the part must be between 1 and ${count}.`);
  return { index, count };
}

/** Number of ids the spec yields (before sharding). */
export function idCount(spec: IdSpec): bigint {
  if (spec.kind === 'range') return BigInt(spec.end) - BigInt(spec.start) + 1n;
  if (spec.kind === 'list') return BigInt(spec.ids.length);
  return BigInt(spec.n);
}

/** Number of ids in this shard. */
export function shardCount(spec: IdSpec, shard?: Shard): number {
  const total = idCount(spec);
  if (!shard) return Number(total);
  const i = BigInt(shard.index - 1);
  const n = BigInt(shard.count);
  return Number(total > i ? (total - i - 1n) / n + 1n : 0n);
}

/** Yields the ids of the spec in order, restricted to the shard. Lazy: a range of 10^9 costs nothing up front. */
export function* expandIds(spec: IdSpec, shard?: Shard): Generator<bigint> {
  let pos = 0;
  const take = (): boolean => {
    const keep = !shard || pos % shard.count === shard.index - 1;
    pos++;
    return keep;
  };
  if (spec.kind === 'range') {
    const end = BigInt(spec.end);
    for (let v = BigInt(spec.start); v <= end; v++) if (take()) yield v;
  } else if (spec.kind === 'list') {
    for (const s of spec.ids) if (take()) yield BigInt(s);
  } else {
    const rng = new PythonRandom(spec.seed);
    const max = BigInt(spec.max);
    const seen = new Set<bigint>();
    while (seen.size < spec.n) {
      const v = rng.randbelowBig(max);
      if (seen.has(v)) continue;
      seen.add(v);
      if (take()) yield v;
    }
  }
}

/** Describes the id spec compactly for tables and run lists. */
export function describeIds(spec: IdSpec, shard?: Shard): string {
  const base =
    spec.kind === 'range'
      ? `${spec.start}–${spec.end}`
      : spec.kind === 'list'
        ? spec.ids.length <= 6
          ? spec.ids.join(', ')
          : `${spec.ids.length} ids`
        : `${spec.n} random (seed ${spec.seed})`;
  return shard ? `${base}, shard ${shard.index}/${shard.count}` : base;
}
