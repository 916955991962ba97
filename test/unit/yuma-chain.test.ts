// The float64 Yuma reference against subtensor's own `test_yuma_3_*` epoch tests (pallets/subtensor/src/tests/
// epoch.rs @ 14bc6f9f): per-epoch bonds and dividends of the seven scenarios, tolerance 1e-3 as there. How the chain
// tests map onto a pure epoch function: yuma-chain-setup.ts. Node (vitest 'unit').
import { afterAll, describe, expect, it } from 'vitest';
import { runEpochCpu } from '../../src/shared/yuma/epoch-cpu.ts';
import { simulateCpu } from '../../src/shared/yuma/simulate.ts';
import { bond, freshState, reportMaxErrors, setWeights, track, U, YUMA3 } from '../support/yuma-chain-setup.ts';
import { checkYuma3, table, YUMA3_CASES, yuma3Scenario } from '../support/yuma-chain-cases.ts';

afterAll(reportMaxErrors);

describe('test_yuma_3_* (tolerance 1e-3)', () => {
  it.each(YUMA3_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const check = checkYuma3(c, simulateCpu(yuma3Scenario(c)));
    track(`${name} dividends`, check.maxDividendError);
    track(`${name} bonds`, check.maxBondError);
    expect(check.errors).toEqual([]);
  });

  // Sparse only on chain. `do_reset_bonds` for uid 3's hotkey (BondsReset on) runs after the weights of test epoch
  // 20 are set and before its epoch: it removes every bond to uid 3.
  it('bonds_reset', () => {
    const n = 5;
    const weightsAt = (e: number) =>
      e === 0 ? 'M 0' : e === 1 ? 'M 0 | 0 M | 0 M' : e <= 20 ? '0 M' : e === 21 ? '0 M | M 0 | M 0' : 'M 0';
    const targets: Record<number, [dividends: string, bonds: string]> = {
      0: ['0.8 0.1 0.1 0 0', '0.1013 0 | 0.1013 0 | 0.1013 0'],
      1: ['0.8944 0.0528 0.0528 0 0', '0.1924 0 | 0.0908 0.2987 | 0.0908 0.2987'],
      2: ['0.523 0.2385 0.2385 0 0', '0.1715 0.1013 | 0.0815 0.3697 | 0.0815 0.3697'],
      19: ['0.7919 0.104 0.104 0 0', '0.0269 0.8539 | 0.0131 0.8975 | 0.0131 0.8975'],
      20: ['0.7928 0.1036 0.1036 0 0', '0 0.8687 | 0 0.9079 | 0 0.9079'],
      21: ['0.8467 0.0766 0.0766 0 0', '0 0.882 | 0.2987 0.6386 | 0.2987 0.6386'],
      40: ['0.7928 0.1036 0.1036 0 0', '0.8687 0.0578 | 0.9079 0.0523 | 0.9079 0.0523'],
    };
    let state = runEpochCpu(YUMA3, freshState([8, 1, 1, 0, 0], [0, 1, 2], 2, 1)).next;
    for (let e = 0; e <= 40; e++) {
      const rows = table(weightsAt(e));
      for (let i = 0; i < 3; i++) setWeights(state, i, [3, 4], rows[rows.length === 1 ? 0 : i], state.block - 1);
      if (e === 20) for (let r = 0; r < 3; r++) state.bonds[r * n + 3] = 0;
      const { outputs, next } = runEpochCpu(YUMA3, state);
      state = next;
      if (!targets[e]) continue;
      const [dividends, bonds] = targets[e];
      table(dividends)[0].forEach((d, i) => {
        const err = Math.abs(outputs.dividends[i] - d);
        track('bonds_reset dividends', err);
        expect(err, `epoch ${e} dividend of uid ${i}`).toBeLessThanOrEqual(1e-3);
      });
      table(bonds).forEach((row, i) =>
        row.forEach((b, t) => {
          const err = Math.abs(bond(outputs, n, i, 3 + t) / U - b);
          track('bonds_reset bonds', err);
          expect(err, `epoch ${e} bond ${i}→${3 + t}`).toBeLessThanOrEqual(1e-3);
        }),
      );
    }
  });
});
