// The Yuma scenario file and the simulator loop: `parseScenario` defaults, chain-name aliases and its error
// messages; `simulateCpu` applying weight changes; the sample fixture reproducing subtensor's kappa_moves_first.
// Node (vitest 'unit').
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/shared/yuma/errors.ts';
import { DEFAULT_PARAMS, parseScenario } from '../../src/shared/yuma/scenario-json.ts';
import { simulateCpu } from '../../src/shared/yuma/simulate.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures-yuma/kappa-moves-first.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('parseScenario', () => {
  it('fills the defaults: params, block, lastUpdate, registration, permits from stake', () => {
    const s = parseScenario({ stake: [3, 2, 1, 0], params: { maxAllowedValidators: 2 } });
    expect(s.params).toEqual({ ...DEFAULT_PARAMS, maxAllowedValidators: 2 });
    expect(s.epochs).toBe(1);
    expect(s.state.n).toBe(4);
    expect(s.state.block).toBe(362);
    expect([...s.state.lastUpdate]).toEqual([361, 361, 361, 361]);
    expect([...s.state.blockAtRegistration]).toEqual([0, 0, 0, 0]);
    expect([...s.state.validatorPermit]).toEqual([1, 1, 0, 0]);
    expect(s.state.rows.length).toBe(0);
  });

  it('reads chain names, weights with explicit zeros, bonds, and makes rows of every validator', () => {
    const s = parseScenario({
      params: { Kappa: 40000, Yuma3On: false, AlphaValues: [100, 200], ownerUid: 3 },
      stake: [1, 1, 0, 0],
      weights: { '1': { '2': 65535, '3': 0 } },
      bonds: { '0': { '2': 7 } },
      weightChanges: { '2': { '3': { '2': 1 } } },
    });
    expect(s.params).toMatchObject({ kappa: 40000, yuma3: false, alphaLow: 100, alphaHigh: 200, ownerUid: 3 });
    expect([...s.state.rows]).toEqual([0, 1, 3]);
    expect([...s.state.weightMask]).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect([...s.state.weights]).toEqual([0, 0, 0, 0, 0, 0, 65535, 0, 0, 0, 0, 0]);
    expect([...s.state.bonds]).toEqual([0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(s.weightChanges).toEqual({ 2: { 3: { 2: 1 } } });
  });

  const n256 = { stake: new Array(256).fill(1) };
  const bad: [string, unknown, RegExp][] = [
    ['not an object', [1, 2], /^scenario: \[1,2\] is not an object/],
    [
      'miner uid ≥ n',
      { ...n256, weights: { '3': { '300': 1 } } },
      /^weights\['3'\]\['300'\]: uid 300 is not below n = 256/,
    ],
    ['validator uid ≥ n', { stake: [1], bonds: { '1': {} } }, /^bonds\['1'\]: uid 1 is not below n = 1/],
    [
      'weight not u16',
      { stake: [1, 1], weights: { '0': { '1': 70000 } } },
      /^weights\['0'\]\['1'\]: 70000 is not a whole/,
    ],
    ['uid not a number', { stake: [1, 1], weights: { x: {} } }, /^weights\['x'\]: "x" is not a uid/],
    ['missing stake', {}, /^stake: missing/],
    ['negative stake', { stake: [1, -2] }, /^stake\[1\]: -2 is not a number in 0…∞/],
    ['length mismatch', { stake: [1, 1], lastUpdate: [1] }, /^lastUpdate: has 1 entries, not n = 2/],
    ['n disagrees', { n: 3, stake: [1, 1] }, /^stake: has 2 entries, not n = 3/],
    ['bad permit', { stake: [1], validatorPermit: ['yes'] }, /^validatorPermit\[0\]: "yes" is not true\/false/],
    ['unknown param', { stake: [1], params: { kapa: 1 } }, /^params\.kapa: unknown parameter/],
    ['kappa range', { stake: [1], params: { Kappa: 65536 } }, /^params\.kappa: 65536 is not a whole number in 0…65535/],
    ['bool param', { stake: [1], params: { yuma3: 'yes' } }, /^params\.yuma3: "yes" is not true or false/],
    ['alpha order', { stake: [1], params: { AlphaValues: [9, 3] } }, /^params\.alphaLow: 9 is above alphaHigh = 3/],
    ['owner ≥ n', { stake: [1], params: { ownerUid: 4 } }, /^params\.ownerUid: uid 4 is not below n = 1/],
    ['unknown field', { stake: [1], epoch: 3 }, /^epoch: unknown field/],
    ['epochs', { stake: [1], epochs: 0 }, /^epochs: 0 is not a whole number in 1…/],
    [
      'change epoch key',
      { stake: [1], weightChanges: { first: {} } },
      /^weightChanges\['first'\]: "first" is not an epoch/,
    ],
    [
      'change uid',
      { stake: [1, 1], weightChanges: { '0': { '0': { '5': 1 } } } },
      /^weightChanges\['0'\]\['0'\]\['5'\]: uid 5/,
    ],
  ];
  it.each(bad)('rejects %s with the field and the value', (_, json, message) => {
    expect(() => parseScenario(json)).toThrow(ScenarioError);
    expect(() => parseScenario(json)).toThrow(message);
  });
});

describe('simulateCpu', () => {
  it('replaces a row at its epoch, moving lastUpdate to the block before', () => {
    const scenario = parseScenario({
      params: { tempo: 9, emission: 1 },
      block: 100,
      stake: [1, 0, 0],
      weights: { '0': { '1': 65535 } },
      epochs: 3,
      weightChanges: { '1': { '0': { '2': 65535 } } },
    });
    const out = simulateCpu(scenario);
    expect(out.map((o) => [...o.incentive])).toEqual([
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
    // The scenario itself is untouched.
    expect([...scenario.state.weights]).toEqual([0, 65535, 0]);
  });

  it('refuses a weight change for a uid outside state.rows', () => {
    const scenario = parseScenario({ stake: [1, 0], weights: { '0': { '1': 1 } }, epochs: 2 });
    scenario.weightChanges = { 1: { 1: { 0: 5 } } };
    expect(() => simulateCpu(scenario)).toThrow(/^weightChanges\[1\]\['1'\]: uid 1 is not one of state\.rows \[0\]/);
  });

  it("runs the sample fixture (subtensor's kappa_moves_first) to the chain's dividends", () => {
    const out = simulateCpu(parseScenario(fixture));
    const chain = [
      [0.8, 0.1, 0.1],
      [1, 0, 0],
      [0.9382, 0.0618, 0],
      [0.8819, 0.0773, 0.0407],
      [0.8564, 0.0844, 0.0592],
      [0.8418, 0.0884, 0.0697],
    ];
    chain.forEach((d, e) => d.forEach((x, i) => expect(Math.abs(out[e + 1].dividends[i] - x)).toBeLessThan(1e-3)));
  });
});
