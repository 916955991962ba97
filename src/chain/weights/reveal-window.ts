// When a commit-reveal v2 hash commit may be revealed (chain.md §2.6): only while the subnet's epoch (with
// lookahead) is the commit's epoch plus RevealPeriodEpochs; before, the pool rejects the reveal as too early, after,
// the commit is lost. The reminder the Validator page shows comes from here. Both realms, pure.

export type RevealState =
  /** The window has not opened yet. */
  | 'wait'
  /** Reveal now: the window is open. */
  | 'open'
  /** Too late: the chain dropped the commit (ExpiredWeightCommit). */
  | 'expired';

export interface RevealWindow {
  state: RevealState;
  /** The epoch the reveal must happen in. */
  revealEpoch: number;
  /** Epochs from now until the window opens (0 when open or expired). */
  epochsToWait: number;
}

/**
 * The reveal state of a commit made in epoch `commitEpoch`, now that the subnet is in `currentEpoch` (generation B:
 * `SubnetEpochIndex` plus one if an epoch is due this block; generation A: `epochIndexModulo`).
 */
export function revealWindow(commitEpoch: number, revealPeriodEpochs: number, currentEpoch: number): RevealWindow {
  if (!Number.isInteger(revealPeriodEpochs) || revealPeriodEpochs < 1)
    throw new RangeError(`RevealPeriodEpochs must be a whole number ≥ 1, got ${revealPeriodEpochs}`);
  const revealEpoch = commitEpoch + revealPeriodEpochs;
  if (currentEpoch < revealEpoch) return { state: 'wait', revealEpoch, epochsToWait: revealEpoch - currentEpoch };
  return { state: currentEpoch === revealEpoch ? 'open' : 'expired', revealEpoch, epochsToWait: 0 };
}

/** Generation A's epoch index of block `b` (chain.md §2.5): floor((b + netuid + 1) / (tempo + 1)). */
export function epochIndexModulo(block: number, netuid: number, tempo: number): number {
  if (!(tempo > 0)) throw new RangeError(`tempo must be > 0 for an epoch index, got ${tempo}`);
  return Math.floor((block + netuid + 1) / (tempo + 1));
}

/** Generation A: the first and last block in which a reveal for `revealEpoch` is accepted. */
export function revealBlocksModulo(revealEpoch: number, netuid: number, tempo: number): [number, number] {
  const first = revealEpoch * (tempo + 1) - (netuid + 1);
  return [first, first + tempo];
}

/** Generation A: the epoch a commit included in `commitBlock` is filed under, and its reveal blocks. */
export function commitWindowModulo(commitBlock: number, netuid: number, tempo: number, revealPeriodEpochs: number) {
  const commitEpoch = epochIndexModulo(commitBlock, netuid, tempo);
  const [firstRevealBlock, lastRevealBlock] = revealBlocksModulo(commitEpoch + revealPeriodEpochs, netuid, tempo);
  return { commitEpoch, firstRevealBlock, lastRevealBlock };
}

export interface BlockWindow {
  state: RevealState;
  /** Blocks until the window opens (0 when open or expired). */
  blocksToWait: number;
}

/**
 * Where a reveal stands against its window of blocks [first, last]. A reveal sent now lands in the block after the
 * head at the earliest, so that block is the one compared.
 */
export function revealWindowAtBlock(first: number, last: number, head: number): BlockWindow {
  const next = head + 1;
  if (next < first) return { state: 'wait', blocksToWait: first - next };
  return { state: next <= last ? 'open' : 'expired', blocksToWait: 0 };
}
