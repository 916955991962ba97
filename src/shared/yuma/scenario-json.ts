// The Yuma scenario file: `parseScenario(json)` checks a parsed JSON document and turns it into a `YumaScenario`,
// naming the field and the value of anything wrong. Both realms, no I/O.
//
// Format (every key but `stake` is optional; unknown keys are errors, so typos do not pass silently):
//
//   {
//     "description": "free text",
//     "params": {                       // YumaParams by field name, or by the chain's storage name (in brackets);
//       "kappa": 32767,                 //   [Kappa] u16
//       "bondsPenalty": 65535,          //   [BondsPenalty] u16
//       "bondsMovingAverage": 900000,   //   [BondsMovingAverage] parts per 10⁶
//       "yuma3": true,                  //   [Yuma3On]
//       "liquidAlpha": false,           //   [LiquidAlphaOn]
//       "alphaLow": 45875,              //   u16; with alphaHigh also [AlphaValues]: [low, high]
//       "alphaHigh": 58982,             //   u16, ≥ alphaLow
//       "alphaSigmoidSteepness": 1000,  //   [AlphaSigmoidSteepness] i16
//       "maxAllowedValidators": 64,     //   [MaxAllowedValidators] u16
//       "activityCutoff": 5000,         //   [ActivityCutoff] blocks
//       "stakeThreshold": 0,            //   [StakeThreshold] in the unit of `stake`
//       "tempo": 360,                   //   [Tempo] u16
//       "ownerUid": null,               //   uid of the subnet owner's hotkey, or null
//       "emission": 1                   //   alpha per epoch (1: emission as shares)
//     },                                // (the values shown are the defaults)
//     "n": 5,                           // number of uids; defaults to stake.length
//     "block": 362,                     // block of the first epoch; default tempo + 2
//     "stake": [8, 1, 1, 0, 0],         // per uid, alpha + tao·TaoWeight, before the threshold
//     "lastUpdate": [361, 361, 361, 0, 0],      // per uid, or one number for all; default block − 1
//     "blockAtRegistration": 0,                 // per uid, or one number for all; default 0
//     "validatorPermit": [true, true, true, false, false],  // per uid (true/false or 1/0); default: the top
//                                       //   maxAllowedValidators non-zero stakes, as the previous epoch would give
//     "weights": { "0": { "3": 65535, "4": 0 } },  // validator uid → { miner uid: stored u16 weight }; list an
//                                       //   explicit 0 to keep it present (it keeps a Yuma3 bond alive, §5.14)
//     "bonds": { "0": { "3": 6640 } },  // validator uid → { miner uid: stored u16 bond }
//     "epochs": 1,                      // how many epochs to run, ≥ 1
//     "weightChanges": { "2": { "0": { "3": 0, "4": 65535 } } }  // epoch index → validator uid → its new row,
//   }                                   //   set before that epoch runs (replaces the row, moves lastUpdate)
//
// The defaults put the first epoch after every registration (block 0) and weight update (block − 1), so nothing is
// masked unless the file says so. Validators that hold weights or bonds or change weights become `state.rows`.
import { ScenarioError } from './errors.ts';
import { newPermits, normalizedStake } from './stake-permits.ts';
import type { YumaParams, YumaScenario, YumaState } from './types.ts';

export const DEFAULT_PARAMS: Readonly<YumaParams> = Object.freeze({
  kappa: 32767,
  bondsPenalty: 65535,
  bondsMovingAverage: 900000,
  yuma3: true,
  liquidAlpha: false,
  alphaLow: 45875,
  alphaHigh: 58982,
  alphaSigmoidSteepness: 1000,
  maxAllowedValidators: 64,
  activityCutoff: 5000,
  stakeThreshold: 0,
  tempo: 360,
  ownerUid: null,
  emission: 1,
});

const CHAIN_NAMES: Record<string, keyof YumaParams> = {
  Kappa: 'kappa',
  BondsPenalty: 'bondsPenalty',
  BondsMovingAverage: 'bondsMovingAverage',
  Yuma3On: 'yuma3',
  LiquidAlphaOn: 'liquidAlpha',
  AlphaSigmoidSteepness: 'alphaSigmoidSteepness',
  MaxAllowedValidators: 'maxAllowedValidators',
  ActivityCutoff: 'activityCutoff',
  StakeThreshold: 'stakeThreshold',
  Tempo: 'tempo',
};

const TOP_KEYS = new Set([
  'description',
  'params',
  'n',
  'block',
  'stake',
  'lastUpdate',
  'blockAtRegistration',
  'validatorPermit',
  'weights',
  'bonds',
  'epochs',
  'weightChanges',
]);

const show = (v: unknown) => {
  const s = v === undefined ? 'undefined' : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};
const fail = (field: string, msg: string): never => {
  throw new ScenarioError(`${field}: ${msg}`);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function int(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    fail(field, `${show(v)} is not a whole number in ${min}…${max}.`);
  return v as number;
}

function real(field: string, v: unknown, min: number, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
    fail(field, `${show(v)} is not a number in ${min}…${max === Infinity ? '∞' : max}.`);
  return v as number;
}

function bool(field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') fail(field, `${show(v)} is not true or false.`);
  return v as boolean;
}

function object(field: string, v: unknown): Record<string, unknown> {
  if (!isObject(v)) fail(field, `${show(v)} is not an object.`);
  return v as Record<string, unknown>;
}

/** A uid written as an object key: a decimal whole number below n. */
function uidKey(field: string, key: string, n: number): number {
  if (!/^\d+$/.test(key)) fail(field, `"${key}" is not a uid (a whole number).`);
  const uid = Number(key);
  if (uid >= n) fail(field, `uid ${uid} is not below n = ${n}.`);
  return uid;
}

function parseParams(v: unknown): YumaParams {
  const p: YumaParams = { ...DEFAULT_PARAMS };
  if (v === undefined) return p;
  const raw = object('params', v);
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'AlphaValues') {
      if (!Array.isArray(value) || value.length !== 2) fail('params.AlphaValues', `${show(value)} is not [low, high].`);
      [given.alphaLow, given.alphaHigh] = value as unknown[];
      continue;
    }
    const name = key in DEFAULT_PARAMS ? key : CHAIN_NAMES[key];
    if (!name) fail(`params.${key}`, `unknown parameter (known: ${Object.keys(DEFAULT_PARAMS).join(', ')}).`);
    given[name!] = value;
  }
  const at = (k: keyof YumaParams) => `params.${k}`;
  const u16 = (k: 'kappa' | 'bondsPenalty' | 'alphaLow' | 'alphaHigh' | 'maxAllowedValidators' | 'tempo') => {
    if (given[k] !== undefined) p[k] = int(at(k), given[k], 0, 65535);
  };
  (['kappa', 'bondsPenalty', 'alphaLow', 'alphaHigh', 'maxAllowedValidators', 'tempo'] as const).forEach(u16);
  if (given.bondsMovingAverage !== undefined)
    p.bondsMovingAverage = real(at('bondsMovingAverage'), given.bondsMovingAverage, 0, 1e6);
  if (given.yuma3 !== undefined) p.yuma3 = bool(at('yuma3'), given.yuma3);
  if (given.liquidAlpha !== undefined) p.liquidAlpha = bool(at('liquidAlpha'), given.liquidAlpha);
  if (given.alphaSigmoidSteepness !== undefined)
    p.alphaSigmoidSteepness = int(at('alphaSigmoidSteepness'), given.alphaSigmoidSteepness, -32768, 32767);
  if (given.activityCutoff !== undefined)
    p.activityCutoff = int(at('activityCutoff'), given.activityCutoff, 0, Number.MAX_SAFE_INTEGER);
  if (given.stakeThreshold !== undefined) p.stakeThreshold = real(at('stakeThreshold'), given.stakeThreshold, 0);
  if (given.emission !== undefined) p.emission = real(at('emission'), given.emission, 0);
  if (given.ownerUid !== undefined && given.ownerUid !== null)
    p.ownerUid = int(at('ownerUid'), given.ownerUid, 0, 65535);
  if (p.alphaLow > p.alphaHigh) fail('params.alphaLow', `${p.alphaLow} is above alphaHigh = ${p.alphaHigh}.`);
  return p;
}

/** A per-uid array of length n, or one number for every uid when `scalarOk`. */
function perUid(field: string, v: unknown, n: number, item: (f: string, x: unknown) => number): Float64Array {
  if (typeof v === 'number') return new Float64Array(n).fill(item(field, v));
  if (!Array.isArray(v)) fail(field, `${show(v)} is not an array of ${n} values.`);
  const a = v as unknown[];
  if (a.length !== n) fail(field, `has ${a.length} entries, not n = ${n}.`);
  return Float64Array.from(a, (x, i) => item(`${field}[${i}]`, x));
}

/** { validator uid: { miner uid: u16 } } → Map(row uid → Map(miner uid → value)). */
function parseMatrix(field: string, v: unknown, n: number): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>();
  if (v === undefined) return out;
  for (const [rowKey, row] of Object.entries(object(field, v))) {
    const rf = `${field}['${rowKey}']`;
    const i = uidKey(rf, rowKey, n);
    const entries = new Map<number, number>();
    for (const [colKey, value] of Object.entries(object(rf, row))) {
      const cf = `${rf}['${colKey}']`;
      entries.set(uidKey(cf, colKey, n), int(cf, value, 0, 65535));
    }
    out.set(i, entries);
  }
  return out;
}

export function parseScenario(json: unknown): YumaScenario {
  const doc = object('scenario', json);
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.has(key)) fail(key, `unknown field (known: ${[...TOP_KEYS].join(', ')}).`);
  }
  const params = parseParams(doc.params);
  if (doc.stake === undefined) fail('stake', 'missing: give the stake of every uid as an array.');
  if (!Array.isArray(doc.stake)) fail('stake', `${show(doc.stake)} is not an array.`);
  const n = doc.n === undefined ? (doc.stake as unknown[]).length : int('n', doc.n, 1, 65536);
  if (n === 0) fail('stake', 'is empty: a subnet needs at least one uid.');
  const stake = perUid('stake', doc.stake, n, (f, x) => real(f, x, 0));
  if (params.ownerUid !== null && params.ownerUid >= n)
    fail('params.ownerUid', `uid ${params.ownerUid} is not below n = ${n}.`);

  const block = doc.block === undefined ? params.tempo + 2 : int('block', doc.block, 0, Number.MAX_SAFE_INTEGER);
  const blockNumber = (f: string, x: unknown) => int(f, x, 0, Number.MAX_SAFE_INTEGER);
  const lastUpdate =
    doc.lastUpdate === undefined
      ? new Float64Array(n).fill(Math.max(0, block - 1))
      : perUid('lastUpdate', doc.lastUpdate, n, blockNumber);
  const blockAtRegistration =
    doc.blockAtRegistration === undefined
      ? new Float64Array(n)
      : perUid('blockAtRegistration', doc.blockAtRegistration, n, blockNumber);
  const permit = (f: string, x: unknown) => {
    if (x === true || x === 1) return 1;
    if (x === false || x === 0) return 0;
    return fail(f, `${show(x)} is not true/false or 1/0.`);
  };
  const validatorPermit =
    doc.validatorPermit === undefined
      ? newPermits(
          normalizedStake(stake, params.stakeThreshold, params.ownerUid),
          params.maxAllowedValidators,
          params.ownerUid,
        )
      : typeof doc.validatorPermit === 'boolean'
        ? new Uint8Array(n).fill(permit('validatorPermit', doc.validatorPermit))
        : Uint8Array.from(perUid('validatorPermit', doc.validatorPermit, n, permit));

  const epochs = doc.epochs === undefined ? 1 : int('epochs', doc.epochs, 1, 1_000_000);
  const weightChanges: Record<number, Record<number, Record<number, number>>> = {};
  const changeRows = new Set<number>();
  if (doc.weightChanges !== undefined) {
    for (const [epochKey, changes] of Object.entries(object('weightChanges', doc.weightChanges))) {
      const ef = `weightChanges['${epochKey}']`;
      if (!/^\d+$/.test(epochKey)) fail(ef, `"${epochKey}" is not an epoch index (a whole number from 0).`);
      const m = parseMatrix(ef, changes, n);
      const byRow: Record<number, Record<number, number>> = {};
      for (const [i, entries] of m) {
        byRow[i] = Object.fromEntries(entries);
        changeRows.add(i);
      }
      weightChanges[Number(epochKey)] = byRow;
    }
  }

  const weights = parseMatrix('weights', doc.weights, n);
  const bonds = parseMatrix('bonds', doc.bonds, n);
  const rows = Int32Array.from(new Set([...weights.keys(), ...bonds.keys(), ...changeRows])).sort();
  const state: YumaState = {
    n,
    block,
    stake,
    lastUpdate,
    blockAtRegistration,
    validatorPermit,
    rows,
    weights: new Uint16Array(rows.length * n),
    weightMask: new Uint8Array(rows.length * n),
    bonds: new Uint16Array(rows.length * n),
  };
  rows.forEach((uid, r) => {
    for (const [j, v] of weights.get(uid) ?? []) {
      state.weights[r * n + j] = v;
      state.weightMask[r * n + j] = 1;
    }
    for (const [j, v] of bonds.get(uid) ?? []) state.bonds[r * n + j] = v;
  });
  return { params, state, epochs, weightChanges };
}
