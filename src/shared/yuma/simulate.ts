// Runs a Yuma scenario on the float64 reference: `scenario.epochs` epochs in a row, each preceded by that epoch's
// weight changes (a `set_weights` in the blocks before it). Both realms, no I/O.
import { runEpochCpu } from './epoch-cpu.ts';
import { ScenarioError } from './errors.ts';
import type { YumaOutputs, YumaScenario, YumaState } from './types.ts';

/**
 * Applies one epoch's weight changes to `state` in place, as `set_weights` would: each listed validator's row is
 * replaced by exactly the listed entries (explicit zeros stay listed; anything unlisted is dropped) and its
 * `lastUpdate` moves to `state.block − 1`. The values are stored as given (the chain max-upscales a `set_weights`
 * vector first; pass upscaled values to copy that). `epoch` only labels errors.
 */
export function applyWeightChanges(state: YumaState, changes: Record<number, Record<number, number>>, epoch: number) {
  const { n, rows } = state;
  // for…in over own string keys, not Object.entries: no [key, value] array per entry (bench:yuma's 1,024 scenarios
  // have ~16 million; 30% less time here, for the CPU reference and for the GPU's change records alike).
  const byKey = changes as Record<string, Record<string, number>>;
  for (const rowKey in byKey) {
    const entries = byKey[rowKey]!;
    const where = `weightChanges[${epoch}]['${rowKey}']`;
    const uid = Number(rowKey);
    const r = Number.isInteger(uid) ? rows.indexOf(uid) : -1;
    if (r < 0)
      throw new ScenarioError(
        `${where}: uid ${rowKey} is not one of state.rows [${rows.join(', ')}], the uids that hold weights.`,
      );
    const base = r * n;
    state.weights.fill(0, base, base + n);
    state.weightMask.fill(0, base, base + n);
    for (const colKey in entries) {
      const value = entries[colKey]!;
      const j = Number(colKey);
      if (!Number.isInteger(j) || j < 0 || j >= n)
        throw new ScenarioError(`${where}['${colKey}']: uid ${colKey} is not below n = ${n}.`);
      if (!Number.isInteger(value) || value < 0 || value > 65535)
        throw new ScenarioError(`${where}['${colKey}']: ${String(value)} is not a u16 weight (0…65535).`);
      state.weights[base + j] = value;
      state.weightMask[base + j] = 1;
    }
    state.lastUpdate[uid] = state.block - 1;
  }
}

function copyState(s: YumaState): YumaState {
  return {
    ...s,
    stake: s.stake.slice(),
    lastUpdate: s.lastUpdate.slice(),
    blockAtRegistration: s.blockAtRegistration.slice(),
    validatorPermit: s.validatorPermit.slice(),
    rows: s.rows.slice(),
    weights: s.weights.slice(),
    weightMask: s.weightMask.slice(),
    bonds: s.bonds.slice(),
  };
}

/** The outputs of each of `scenario.epochs` epochs; the scenario itself is not modified. */
export function simulateCpu(scenario: YumaScenario): YumaOutputs[] {
  if (!Number.isInteger(scenario.epochs) || scenario.epochs < 0)
    throw new ScenarioError(`epochs: ${scenario.epochs} is not a whole number ≥ 0.`);
  let state = copyState(scenario.state);
  const out: YumaOutputs[] = [];
  for (let e = 0; e < scenario.epochs; e++) {
    const changes = scenario.weightChanges?.[e];
    if (changes) applyWeightChanges(state, changes, e);
    const { outputs, next } = runEpochCpu(scenario.params, state);
    out.push(outputs);
    state = next;
  }
  return out;
}
