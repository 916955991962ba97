// The transaction pool's refusals of subtensor extrinsics: `1010: Invalid Transaction: Custom error: N`, with N from
// subtensor's `transaction_error.rs` (chain.md §2.4). The preflight predicts them; the submission explains them.
// Both realms, pure.

export interface PoolRejection {
  code: number;
  name: string;
  /** What it means for a weights or staking call, when the name alone does not say. */
  why?: string;
}

const TABLE: [number, string, string?][] = [
  [1, 'StakeAmountTooLow', 'not enough stake to set weights'],
  [2, 'BalanceTooLow'],
  [3, 'SubnetNotExists'],
  [4, 'HotkeyAccountDoesntExist'],
  [5, 'NotEnoughStakeToWithdraw'],
  [6, 'RateLimitExceeded', 'weights set or committed too soon after the last update'],
  [7, 'InsufficientLiquidity'],
  [8, 'SlippageTooHigh'],
  [9, 'TransferDisallowed'],
  [15, 'InvalidRevealRound', 'the reveal round is older than the last drand pulse the chain stored'],
  [16, 'CommitNotFound', 'no commit with this hash to reveal'],
  [17, 'CommitBlockNotInRevealRange', 'outside the reveal window (too early or too late)'],
  [18, 'InputLengthsUnequal'],
  [19, 'UidNotFound', 'the hotkey is not registered on this subnet'],
  [25, 'NonAssociatedColdKey'],
  [255, 'BadRequest'],
];

export const POOL_REJECTIONS: ReadonlyMap<number, PoolRejection> = new Map(
  TABLE.map(([code, name, why]) => [code, why ? { code, name, why } : { code, name }]),
);

/** The rejection with this custom code: `{ code, name }` as the preflight reports it. */
export function poolRejection(code: number): { code: number; name: string } {
  const r = POOL_REJECTIONS.get(code);
  if (!r) throw new Error(`unknown pool rejection code ${code}`);
  return { code, name: r.name };
}
