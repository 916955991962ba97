// Checks a staking order against fresh chain state before anything is signed, predicting the chain's refusals
// (chain.md §3.3, §3.7; `validate_add_stake` / `validate_remove_stake` / `validate_stake_transition` @ d383748d and
// 14bc6f9f) with messages that say what to change: more than the balance or the stake held, below `DefaultMinStake`,
// a disabled subtoken (on either side of a move), a quote gone stale (the price or the swap ratio moved past the
// limit since it was quoted), or more than fill-or-kill allows at this limit.
// Both realms, pure (the caller reads the state).
import { formatRao } from './amounts.ts';
import { DEFAULT_MIN_STAKE } from './constants.ts';
import type { StakeErrorCode } from './errors.ts';
import { maxSwapAmount } from './capacity.ts';
import { swapFee } from './fees.ts';
import { buy, isStable, maxAmount, sell } from './pool-math.ts';
import { swapRatio } from './limit-price.ts';
import type { StakeOrder } from './stake-calls.ts';
import type { SubnetMarket } from './subnets.ts';

export interface PreflightState {
  /** The order's subnet (origin for moves), freshly read; null if it does not exist. */
  market: SubnetMarket | null;
  /** Destination subnet for swap_stake_limit / move_stake. */
  destination?: SubnetMarket | null;
  /** Free balance of the coldkey, rao. */
  free: bigint;
  /** Alpha the coldkey holds with the order's (origin) hotkey on the (origin) subnet. */
  stakeHeld?: bigint;
}

export interface PreflightIssue {
  code: StakeErrorCode;
  /** What the chain would answer, e.g. `SubtensorModule.AmountTooLow`. */
  chainError: string | null;
  message: string;
}

const issue = (code: StakeErrorCode, chainError: string | null, message: string): PreflightIssue => ({
  code,
  chainError,
  message,
});

const TAO = (rao: bigint) => `${formatRao(rao)} TAO`;

/** Everything wrong with `order` in `state`; an empty list means the chain should accept it. */
export function preflightStake(order: StakeOrder, state: PreflightState): PreflightIssue[] {
  const { market } = state;
  if (!market) return [issue('subnet-missing', 'SubtensorModule.SubnetNotExists', 'This subnet does not exist.')];
  switch (order.kind) {
    case 'add_stake_limit':
      return checkAdd(order.amount, order.limitPrice, order.allowPartial ?? false, market, state.free);
    case 'remove_stake_limit':
      return checkRemove(order.amount, order.limitPrice, order.allowPartial ?? false, market, state.stakeHeld ?? 0n);
    case 'remove_stake_full_limit': {
      const held = state.stakeHeld ?? 0n;
      if (held === 0n)
        return [issue('insufficient-stake', 'SubtensorModule.AmountTooLow', 'There is no stake to remove here.')];
      return checkRemove(held, order.limitPrice, false, market, held);
    }
    case 'swap_stake_limit':
    case 'move_stake':
      return checkMove(order, market, state.destination ?? null, state.stakeHeld ?? 0n);
  }
}

/**
 * The limit price against the pool now (both sides): already past it (a stale quote), nothing fillable at it, or more
 * asked than fills at it without a partial fill. Buys pay TAO and may not exceed the limit; sells may not go below.
 */
function limitChecks(side: 'buy' | 'sell', m: SubnetMarket, limit: bigint, amount: bigint, partial: boolean) {
  const buying = side === 'buy';
  if (!isStable(m.pool) && (buying ? m.price >= limit : m.price <= limit)) {
    const moved = buying ? `moved to ${TAO(m.price)} per alpha, past` : `fell to ${TAO(m.price)} per alpha, below`;
    return [
      issue('stale-quote', 'Swap.PriceLimitExceeded', `The price ${moved} your limit of ${TAO(limit)}: quote again.`),
    ];
  }
  const max = maxAmount(m.pool, side, limit);
  const verb = buying ? 'bought' : 'sold';
  if (max === 0n)
    return [
      issue(
        'stale-quote',
        'SubtensorModule.ZeroMaxStakeAmount',
        `Nothing can be ${verb} at this limit price: quote again.`,
      ),
    ];
  if (partial || amount <= max) return [];
  const most = buying ? `${TAO(max)} can be staked; stake less` : `${formatRao(max)} alpha can be sold; sell less`;
  const why = `At this limit at most ${most}, raise the tolerance, or allow a partial fill.`;
  return [issue('slippage', 'SubtensorModule.SlippageTooHigh', why)];
}

function checkAdd(amount: bigint, limit: bigint, partial: boolean, m: SubnetMarket, free: bigint): PreflightIssue[] {
  const out: PreflightIssue[] = [];
  if (!m.subtokenEnabled)
    out.push(
      issue(
        'subtoken-disabled',
        'SubtensorModule.SubtokenDisabled',
        `Subnet ${m.netuid} has not enabled staking into its token yet.`,
      ),
    );
  if (amount > free)
    out.push(
      issue(
        'insufficient-balance',
        'SubtensorModule.NotEnoughBalanceToStake',
        `You have ${TAO(free)} free; the stake needs ${TAO(amount)}.`,
      ),
    );
  // The chain's minimum is DefaultMinStake plus the fee on it.
  const minimum = DEFAULT_MIN_STAKE + (isStable(m.pool) ? 0n : swapFee(DEFAULT_MIN_STAKE, m.feeRate));
  if (amount < minimum)
    out.push(
      issue(
        'below-minimum',
        'SubtensorModule.AmountTooLow',
        `The smallest stake is ${TAO(minimum)} (0.002 TAO plus the fee).`,
      ),
    );
  out.push(...limitChecks('buy', m, limit, amount, partial));
  const sim = buy(m.pool, amount);
  if (!sim.ok) out.push(issue('pool-refuses', `Swap.${sim.error}`, sim.message));
  return out;
}

function checkRemove(
  amount: bigint,
  limit: bigint | null,
  partial: boolean,
  m: SubnetMarket,
  held: bigint,
): PreflightIssue[] {
  const out: PreflightIssue[] = [];
  if (amount > held)
    out.push(
      issue(
        'insufficient-stake',
        'SubtensorModule.NotEnoughStakeToWithdraw',
        `You hold ${formatRao(held)} alpha here; cannot unstake ${formatRao(amount)}.`,
      ),
    );
  const sim = sell(m.pool, amount);
  if (!sim.ok) out.push(issue('pool-refuses', `Swap.${sim.error}`, sim.message));
  // Unstaking everything may return less than the minimum; a partial unstake may not.
  else if (amount < held && sim.fill.out < DEFAULT_MIN_STAKE)
    out.push(
      issue(
        'below-minimum',
        'SubtensorModule.AmountTooLow',
        `This unstake would return ${TAO(sim.fill.out)}, below the 0.002 TAO minimum; unstake more or all of it.`,
      ),
    );
  if (limit === null) return out;
  out.push(...limitChecks('sell', m, limit, amount, partial));
  return out;
}

function checkMove(
  order: Extract<StakeOrder, { kind: 'swap_stake_limit' | 'move_stake' }>,
  origin: SubnetMarket,
  destination: SubnetMarket | null,
  held: bigint,
): PreflightIssue[] {
  if (!destination)
    return [issue('subnet-missing', 'SubtensorModule.SubnetNotExists', 'The destination subnet does not exist.')];
  const out: PreflightIssue[] = [];
  const sameHotkey = order.kind === 'swap_stake_limit' || order.originHotkey === order.destinationHotkey;
  if (origin.netuid === destination.netuid && sameHotkey)
    out.push(
      issue(
        'same-subnet',
        'SubtensorModule.SameNetuid',
        order.kind === 'swap_stake_limit'
          ? `Origin and destination are both subnet ${origin.netuid}: pick another destination subnet to swap to.`
          : 'Origin and destination are the same hotkey on the same subnet: nothing to move.',
      ),
    );
  if (order.amount > held)
    out.push(
      issue(
        'insufficient-stake',
        'SubtensorModule.NotEnoughStakeToWithdraw',
        `You hold ${formatRao(held)} alpha here; cannot move ${formatRao(order.amount)}.`,
      ),
    );
  // The chain checks both sides (validate_stake_transition), the origin first.
  for (const [m, side] of [
    [origin, 'out of'],
    [destination, 'into'],
  ] as const)
    if (!m.subtokenEnabled && (m === origin || m.netuid !== origin.netuid))
      out.push(
        issue(
          'subtoken-disabled',
          'SubtensorModule.SubtokenDisabled',
          `Subnet ${m.netuid} has not enabled staking into its token yet: stake cannot move ${side} it.`,
        ),
      );
  const crosses = origin.netuid !== destination.netuid;
  const unstaked = crosses ? sell(origin.pool, order.amount, { dropFees: false }) : null;
  if (unstaked && !unstaked.ok) out.push(issue('pool-refuses', `Swap.${unstaked.error}`, unstaked.message));
  // The chain wants the TAO value strictly above DefaultMinStake (`tao_equivalent > min_amount`).
  else if (unstaked && unstaked.fill.out <= DEFAULT_MIN_STAKE)
    out.push(
      issue(
        'below-minimum',
        'SubtensorModule.AmountTooLow',
        `This move is worth ${TAO(unstaked.fill.out)}, not above the 0.002 TAO minimum: move more alpha.`,
      ),
    );
  if (order.kind === 'swap_stake_limit' && crosses) {
    const ratio = swapRatio(origin.price, destination.price);
    const max = maxSwapAmount(origin, destination, order.limitPrice);
    if (order.limitPrice > ratio)
      out.push(
        issue(
          'stale-quote',
          'SubtensorModule.ZeroMaxStakeAmount',
          `The price ratio of subnets ${origin.netuid} and ${destination.netuid} is now ${formatRao(ratio)}, below ` +
            `your limit of ${formatRao(order.limitPrice)}: quote again.`,
        ),
      );
    else if (max === 0n)
      out.push(
        issue(
          'stale-quote',
          'SubtensorModule.ZeroMaxStakeAmount',
          'Nothing can be swapped at this limit: quote again.',
        ),
      );
    else if (!(order.allowPartial ?? false) && order.amount > max)
      out.push(
        issue(
          'slippage',
          'SubtensorModule.SlippageTooHigh',
          `At this limit at most ${formatRao(max)} alpha can be swapped; swap less, raise the tolerance, or allow a ` +
            'partial fill.',
        ),
      );
  }
  return out;
}
