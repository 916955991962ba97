// Subtensor's `test_yuma_3_*` epoch scenarios (pallets/subtensor/src/tests/epoch.rs @ 14bc6f9f) as data: the set-up,
// the weights each test epoch sets, and the per-epoch target bonds and dividends (tolerance 1e-3 as there), with the
// scenario they make for a simulator and the check of its outputs. Pure: the CPU test (test/unit/yuma-chain.test.ts)
// and the GPU test's page (test/browser/pages/yuma.ts) both run them. Both realms, tests only.
import type { YumaOutputs, YumaScenario } from '../../src/shared/yuma/types.ts';
import { bond, freshState, U, upscale, YUMA3 } from './yuma-chain-setup.ts';

/** Rows separated by `|`, numbers by spaces; `M` = 65535, `H` = 32767 (u16::MAX / 2). */
export const table = (t: string) =>
  t.split('|').map((row) =>
    row
      .trim()
      .split(/\s+/)
      .map((x) => (x === 'M' ? U : x === 'H' ? Math.floor(U / 2) : Number(x))),
  );

export interface Yuma3Case {
  name: string;
  stakes: number[];
  liquidAlpha?: boolean;
  /** The uids the target bond rows refer to. */
  cols: number[];
  /** Test epoch → the row every validator sets over the miners before it (`table`), or none. */
  weightsAt: (e: number) => string | undefined;
  /** Per test epoch: target bonds of validators 0, 1, 2 over `cols` (`table`). */
  bonds: string[];
  /** Per test epoch: target dividends per uid. */
  dividends: string[];
}

/** The simulator scenario of a case: the setup epoch (permits) then one epoch per target. */
export function yuma3Scenario(c: Yuma3Case): YumaScenario {
  const n = c.stakes.length;
  const miners = Array.from({ length: n - 3 }, (_, t) => 3 + t);
  const weightChanges: Record<number, Record<number, Record<number, number>>> = {};
  for (let e = 0; e < c.dividends.length; e++) {
    const w = c.weightsAt(e);
    if (!w) continue;
    const rows = table(w);
    const perValidator = rows.length === 1 ? [rows[0]!, rows[0]!, rows[0]!] : rows;
    weightChanges[e + 1] = Object.fromEntries(
      perValidator.map((row, i) => [i, Object.fromEntries(miners.map((j, t) => [j, upscale(row)[t]!]))]),
    );
  }
  return {
    params: { ...YUMA3, liquidAlpha: c.liquidAlpha ?? true },
    state: freshState(c.stakes, [0, 1, 2], 2, 1),
    epochs: c.dividends.length + 1,
    weightChanges,
  };
}

export interface Yuma3Check {
  /** One line per value off by more than 1e-3. */
  errors: string[];
  maxDividendError: number;
  maxBondError: number;
}

/** The outputs of `yuma3Scenario(c)` against the chain's targets. */
export function checkYuma3(c: Yuma3Case, out: readonly YumaOutputs[]): Yuma3Check {
  const n = c.stakes.length;
  const r: Yuma3Check = { errors: [], maxDividendError: 0, maxBondError: 0 };
  for (let e = 0; e < c.dividends.length; e++) {
    const o = out[e + 1]!;
    table(c.dividends[e]!)[0]!.forEach((want, i) => {
      const err = Math.abs(o.dividends[i]! - want);
      r.maxDividendError = Math.max(r.maxDividendError, err);
      if (err > 1e-3) r.errors.push(`${c.name} epoch ${e} dividend of uid ${i}: ${o.dividends[i]} vs chain ${want}`);
    });
    table(c.bonds[e]!).forEach((row, i) =>
      row.forEach((want, t) => {
        const got = bond(o, n, i, c.cols[t]!)! / U;
        const err = Math.abs(got - want);
        r.maxBondError = Math.max(r.maxBondError, err);
        if (err > 1e-3) r.errors.push(`${c.name} epoch ${e} bond ${i}→${c.cols[t]}: ${got} vs chain ${want}`);
      }),
    );
  }
  return r;
}

export const YUMA3_CASES: Yuma3Case[] = [
  {
    name: 'kappa_moves_first',
    stakes: [8, 1, 1, 0, 0],
    cols: [3, 4],
    weightsAt: (e) => ['M 0', '0 M | M 0 | M 0', '0 M | 0 M | M 0', '0 M'][e],
    bonds: [
      '0.1013 0 | 0.1013 0 | 0.1013 0',
      '0.0908 0.1013 | 0.3697 0 | 0.3697 0',
      '0.0815 0.1924 | 0.317 0.1013 | 0.558 0',
      '0.0731 0.2742 | 0.2765 0.1924 | 0.4306 0.1013',
      '0.0656 0.3478 | 0.2435 0.2742 | 0.3589 0.1924',
      '0.0588 0.4139 | 0.2157 0.3478 | 0.3089 0.2742',
    ],
    dividends: [
      '0.8 0.1 0.1 0 0',
      '1 0 0 0 0',
      '0.9382 0.0618 0 0 0',
      '0.8819 0.0773 0.0407 0 0',
      '0.8564 0.0844 0.0592 0 0',
      '0.8418 0.0884 0.0697 0 0',
    ],
  },
  {
    name: 'kappa_moves_second',
    stakes: [8, 1, 1, 0, 0],
    cols: [3, 4],
    weightsAt: (e) => ['M 0', 'M 0 | 0 M | M 0', '0 M | 0 M | M 0', '0 M'][e],
    bonds: [
      '0.1013 0 | 0.1013 0 | 0.1013 0',
      '0.1924 0 | 0.0908 0.2987 | 0.1924 0',
      '0.1715 0.1013 | 0.0815 0.3697 | 0.4336 0',
      '0.1531 0.1924 | 0.0731 0.4336 | 0.3608 0.1013',
      '0.1369 0.2742 | 0.0656 0.491 | 0.3103 0.1924',
      '0.1225 0.3478 | 0.0588 0.5426 | 0.2712 0.2742',
    ],
    dividends: [
      '0.8 0.1 0.1 0 0',
      '0.8446 0.0498 0.1056 0 0',
      '0.6868 0.3132 0 0 0',
      '0.7421 0.209 0.0489 0 0',
      '0.7625 0.1706 0.0669 0 0',
      '0.773 0.1508 0.0762 0 0',
    ],
  },
  {
    name: 'kappa_moves_last',
    stakes: [8, 1, 1, 0, 0],
    cols: [3, 4],
    weightsAt: (e) => ['M 0', 'M 0 | 0 M | M 0', 'M 0 | 0 M | 0 M', '0 M'][e],
    bonds: [
      '0.1013 0 | 0.1013 0 | 0.1013 0',
      '0.1924 0 | 0.0908 0.2987 | 0.1924 0',
      '0.2742 0 | 0.0815 0.5081 | 0.1715 0.2987',
      '0.2416 0.1013 | 0.0731 0.558 | 0.1531 0.3697',
      '0.2141 0.1924 | 0.0656 0.6028 | 0.1369 0.4336',
      '0.1903 0.2742 | 0.0588 0.643 | 0.1225 0.491',
    ],
    dividends: [
      '0.8 0.1 0.1 0 0',
      '0.8446 0.0498 0.1056 0 0',
      '0.8966 0.0333 0.0701 0 0',
      '0.4663 0.321 0.2127 0 0',
      '0.5976 0.234 0.1683 0 0',
      '0.6592 0.1932 0.1475 0 0',
    ],
  },
  {
    name: 'one_epoch_switch',
    stakes: [33, 33, 34, 0, 0],
    cols: [3, 4],
    weightsAt: (e) => (e === 2 ? 'M 0 | M 0 | 0 M' : 'M 0'),
    bonds: [
      '0.1013 0 | 0.1013 0 | 0.1013 0',
      '0.1924 0 | 0.1924 0 | 0.1924 0',
      '0.2742 0 | 0.2742 0 | 0.1715 0.2987',
      '0.3478 0 | 0.3478 0 | 0.2554 0.2618',
      '0.4139 0 | 0.4139 0 | 0.3309 0.2312',
      '0.4733 0 | 0.4733 0 | 0.3987 0.2051',
    ],
    dividends: [
      '0.33 0.33 0.34 0 0',
      '0.33 0.33 0.34 0 0',
      '0.3782 0.3782 0.2436 0 0',
      '0.3628 0.3628 0.2745 0 0',
      '0.3541 0.3541 0.2917 0 0',
      '0.3487 0.3487 0.3026 0 0',
    ],
  },
  {
    name: 'liquid_alpha_disabled',
    stakes: [33, 33, 34, 0, 0],
    liquidAlpha: false,
    cols: [2, 3, 4],
    weightsAt: (e) => (e === 2 ? 'M 0 | M 0 | 0 M' : 'M 0'),
    bonds: [
      '0 0.025 0 | 0 0.025 0 | 0 0.025 0',
      '0 0.0494 0 | 0 0.0494 0 | 0 0.0494 0',
      '0 0.0731 0 | 0 0.0731 0 | 0 0.0481 0.025',
      '0 0.0963 0 | 0 0.0963 0 | 0 0.0719 0.0244',
      '0 0.1189 0 | 0 0.1189 0 | 0 0.0951 0.0238',
      '0 0.1409 0 | 0 0.1409 0 | 0 0.1178 0.0232',
    ],
    dividends: [
      '0.33 0.33 0.34 0 0',
      '0.33 0.33 0.34 0 0',
      '0.3734 0.3734 0.2532 0 0',
      '0.3611 0.3611 0.2779 0 0',
      '0.3541 0.3541 0.2919 0 0',
      '0.3495 0.3495 0.3009 0 0',
    ],
  },
  {
    name: 'stable_miner',
    stakes: [8, 1, 1, 0, 0, 0],
    cols: [3, 4, 5],
    weightsAt: (e) => ['H 0 H', 'H 0 H | 0 H H | H 0 H', '0 H H | 0 H H | H 0 H', '0 H H'][e],
    bonds: [
      '0.0507 0 0.0507 | 0.0507 0 0.0507 | 0.0507 0 0.0507',
      '0.0962 0 0.0962 | 0.0455 0.1 0.0962 | 0.0962 0 0.0962',
      '0.0863 0.0507 0.1371 | 0.0408 0.1405 0.1371 | 0.177 0 0.1371',
      '0.0774 0.0962 0.1739 | 0.0367 0.177 0.1739 | 0.1579 0.0507 0.1739',
      '0.0694 0.1371 0.2069 | 0.0329 0.2097 0.2069 | 0.1411 0.0962 0.2069',
      '0.0623 0.1739 0.2366 | 0.0296 0.2391 0.2366 | 0.1263 0.1371 0.2366',
    ],
    dividends: [
      '0.8 0.1 0.1 0 0 0',
      '0.8226 0.0745 0.1028 0 0 0',
      '0.775 0.1685 0.0565 0 0 0',
      '0.7864 0.1372 0.0764 0 0 0',
      '0.7912 0.1241 0.0847 0 0 0',
      '0.7937 0.1173 0.089 0 0 0',
    ],
  },
];
