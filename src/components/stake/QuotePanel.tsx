// What the order would do, before anything is signed: the runtime's exact quote (expected output, fee, slippage
// against spot), the limit price it sends (worst acceptable final price, in TAO per alpha and in rao), the subnet's
// minimum stake and fee rate, and the price-impact curve of the local pool math. UI realm.
import { Show } from 'solid-js';
import { formatRao } from '../../chain/stake/amounts.ts';
import { isStable } from '../../chain/stake/pool-math.ts';
import { PlotFigure } from '../PlotFigure.tsx';
import { minimumStake } from './order-form.ts';
import { impactAmounts, impactPlot, impactRows } from './stake-plots.ts';
import type { StakeApi } from './stake-state.ts';

const pct = (x: number) => `${(x * 100).toFixed(4)} %`;

export function QuotePanel(props: { api: StakeApi }) {
  const f = () => props.api.form;
  const m = () => props.api.market()!;
  const buying = () => f().side() === 'stake';
  const outUnit = () => (buying() ? 'alpha' : 'TAO');
  const inUnit = () => (buying() ? 'TAO' : 'alpha');
  const renderImpact = () => {
    const side = buying() ? 'buy' : 'sell';
    const pool = m().pool;
    const reserve = buying() ? m().taoReserve : m().alphaReserve;
    const amount = f().amount().rao;
    const rows = impactRows(pool, side, impactAmounts(reserve, amount));
    const order = amount ? (impactRows(pool, side, [amount]).find((r) => r.series === 'average price') ?? null) : null;
    const tol = f().tolerance().value;
    return impactPlot(rows, inUnit(), order, tol === null ? null : tol * 100);
  };
  return (
    <div class="quote">
      <h4>Quote</h4>
      <Show when={f().quoteState()?.error}>
        <p class="error" role="alert" data-testid="quote-error">
          {f().quoteState()?.error}
        </p>
      </Show>
      <Show when={f().quote()} fallback={<p class="hint">Enter an amount for the chain's exact quote.</p>}>
        {(q) => (
          <dl class="facts" data-testid="quote">
            <dt>Spot price</dt>
            <dd data-testid="quote-spot">{formatRao(q().spotPrice)} TAO per alpha</dd>
            <dt>You give</dt>
            <dd data-testid="quote-in">
              {formatRao(q().amountIn)} {inUnit()}
            </dd>
            <dt>Fee</dt>
            <dd data-testid="quote-fee">
              {formatRao(q().fee)} {inUnit()}
            </dd>
            <dt>Expected output</dt>
            <dd data-testid="quote-out">
              {formatRao(q().out)} {outUnit()}
            </dd>
            <dt>Average price</dt>
            <dd data-testid="quote-average">{formatRao(q().effectivePrice)} TAO per alpha (fee included)</dd>
            <dt>Slippage against spot</dt>
            <dd data-testid="quote-slippage">
              {pct(q().slippageFraction)} ({formatRao(q().slippage)} {outUnit()} less than at spot)
            </dd>
            <dt>Limit price</dt>
            <dd data-testid="limit-price">
              <Show when={f().limitPrice() !== null} fallback="needs a valid tolerance">
                {formatRao(f().limitPrice()!)} TAO per alpha (<code>{f().limitPrice()!.toString()}</code> rao)
              </Show>
            </dd>
            <dt>Quoted at</dt>
            <dd>block #{q().block}</dd>
          </dl>
        )}
      </Show>
      <p class="hint" data-testid="limit-explained">
        The limit is the worst final price accepted (
        {buying() ? 'spot × (1 + tolerance), rounded down' : 'spot × (1 − tolerance), rounded up'});
        {f().allowPartial()
          ? ' with partial fills on, the chain fills what it can before the price reaches it.'
          : ' fill-or-kill: if the order would push the price past it, the chain refuses the whole order.'}
      </p>
      <p data-testid="subnet-terms">
        Minimum stake {formatRao(minimumStake(m()))} TAO
        {isStable(m().pool)
          ? '; root and stable subnets convert 1:1 without a fee.'
          : ` (0.002 TAO plus the fee on it); swap fee ${((m().feeRate / 65535) * 100).toFixed(4)} % of the input.`}
      </p>
      <PlotFigure id="impact-curve" title="Price impact as the amount grows" render={renderImpact} />
    </div>
  );
}
