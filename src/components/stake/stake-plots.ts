// The order's price-impact curve as an Observable Plot spec: from the local pool math (pool-math.ts), how much worse
// than spot the average fill and the final marginal price get as the amount grows, with the order's amount marked and
// the tolerance drawn (the limit bounds the marginal price, not the average, chain.md §3.3). Doubles, for display
// only. UI realm (Plot renders SVG into the page).
import * as Plot from '@observablehq/plot';
import { priceImpactCurve, spotPrice, type Pool } from '../../chain/stake/pool-math.ts';

export interface ImpactRow {
  /** Input amount, whole TAO (stake) or alpha (unstake). */
  amount: number;
  series: 'average price' | 'final price';
  /** Percent worse than spot. */
  pct: number;
}

const POINTS = 48;

/** Amounts from 0.01 to the larger of 4 × the order and 10 % of the input reserve, spaced geometrically. */
export function impactAmounts(inputReserve: bigint, order: bigint | null): bigint[] {
  const lo = 10_000_000n;
  const top = [inputReserve / 10n, (order ?? 0n) * 4n, lo * 100n].reduce((a, b) => (a > b ? a : b));
  const ratio = Math.pow(Number(top) / Number(lo), 1 / (POINTS - 1));
  return Array.from({ length: POINTS }, (_, i) => BigInt(Math.round(Number(lo) * Math.pow(ratio, i))));
}

export function impactRows(pool: Pool, side: 'buy' | 'sell', amounts: readonly bigint[]): ImpactRow[] {
  const spot = Number(spotPrice(pool)) / 1e9;
  return priceImpactCurve(pool, side, amounts).flatMap((p): ImpactRow[] => {
    if (p.out === null) return [];
    const amount = Number(p.amount) / 1e9;
    const final = side === 'buy' ? p.priceAfter / spot - 1 : 1 - p.priceAfter / spot;
    return [
      { amount, series: 'average price', pct: p.impact * 100 },
      { amount, series: 'final price', pct: final * 100 },
    ];
  });
}

export function impactPlot(rows: ImpactRow[], unit: string, order: ImpactRow | null, tolerancePct: number | null) {
  const describe = order
    ? `At ${order.amount} ${unit}: the average price is ${order.pct.toFixed(3)} % worse than spot.`
    : 'No order amount yet.';
  return Plot.plot({
    width: 640,
    height: 240,
    ariaLabel: `Price impact against the ${unit} amount`,
    ariaDescription: describe,
    x: { type: 'log', label: `Amount (${unit})`, grid: true },
    y: { label: '% worse than spot', grid: true, zero: true },
    color: { legend: true, domain: ['average price', 'final price'], scheme: 'tableau10' },
    marks: [
      Plot.line(rows, { x: 'amount', y: 'pct', stroke: 'series' }),
      ...(tolerancePct !== null ? [Plot.ruleY([tolerancePct], { stroke: '#b42318', strokeDasharray: '4 3' })] : []),
      ...(order ? [Plot.dot([order], { x: 'amount', y: 'pct', fill: 'currentColor', r: 4 })] : []),
      Plot.tip(
        rows,
        Plot.pointer({
          x: 'amount',
          y: 'pct',
          title: (r: ImpactRow) => `${r.amount} ${unit}: ${r.series} ${r.pct.toFixed(3)} % worse than spot`,
        }),
      ),
      Plot.ruleY([0]),
    ],
  });
}
