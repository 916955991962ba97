// The staking module's named error: a typed `code` for the UI to branch on and a message it can show as is.
// Both realms, pure.

export type StakeErrorCode =
  // amount input
  | 'empty'
  | 'not-a-number'
  | 'negative'
  | 'zero'
  | 'too-many-decimals'
  | 'too-large'
  | 'bad-tolerance'
  // preflight
  | 'insufficient-balance'
  | 'insufficient-stake'
  | 'below-minimum'
  | 'subtoken-disabled'
  | 'subnet-missing'
  | 'stale-quote'
  | 'slippage'
  | 'same-subnet'
  | 'pool-refuses'
  | 'bad-input'
  // chain reads
  | 'missing-api'
  | 'not-executable';

export class StakeError extends Error {
  override name = 'StakeError';
  constructor(
    readonly code: StakeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
