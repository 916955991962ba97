// Choosing `reveal_round` for a drand-timelocked weights commit (chain.md §2.9) under both epoch schedulers (§2.5):
// generation A's modulo scheduler, as bittensor-drand's `generate_commit` computes it, and generation B's stateful
// scheduler, derived from the runtime's next-epoch block. Chain facts come in as plain objects. Both realms, pure.
import { epochIndexModulo, revealBlocksModulo } from './reveal-window.ts';

/** drand quicknet (chain.md §1.4). */
export const DRAND_GENESIS_TIME = 1692803367;
export const DRAND_PERIOD = 3;
/** Blocks past the first reveal block that the pulse aims at (bittensor-drand's SECURITY_BLOCK_OFFSET). */
export const SECURITY_BLOCK_OFFSET = 3;
export const BLOCK_TIME = 12;

/** Inputs the chain gives, with the drand and timing constants overridable. */
interface Common {
  /** Head block number (`b_now`). */
  block: number;
  /** Unix time of the head block in seconds (prefer `Timestamp.Now` / 1000 over the local clock). */
  now: number;
  tempo: number;
  /** `RevealPeriodEpochs[netuid]` (1…100). */
  revealPeriodEpochs: number;
  blockTime?: number;
  drandGenesis?: number;
  drandPeriod?: number;
  securityOffset?: number;
}

export interface ModuloSchedule extends Common {
  scheduler: 'modulo';
  /** The plain netuid: the chain's epoch index uses it, also for `mecid > 0` (the SDK passes the storage index). */
  netuid: number;
}

export interface StatefulSchedule extends Common {
  scheduler: 'stateful';
  /**
   * `SubnetInfoRuntimeApi.get_next_epoch_start_block(netuid)`; null when it returns None (tempo 0). When absent it
   * is derived from `lastEpochBlock` and `pendingEpochAt`, as the runtime API does.
   */
  nextEpochStartBlock?: number | null;
  lastEpochBlock?: number;
  /** `PendingEpochAt[netuid]` (0 = none). */
  pendingEpochAt?: number;
}

export type RevealSchedule = ModuloSchedule | StatefulSchedule;

export interface RevealPlan {
  revealRound: number;
  /** First block of the reveal window (epoch E + RevealPeriodEpochs). */
  firstRevealBlock: number;
  /** The block the pulse is aimed at (`firstRevealBlock + 3`). */
  targetBlock: number;
  /** Estimated Unix time (s) of `targetBlock`. */
  targetTime: number;
  /** Generation A only: the epoch index at `block` and the one the reveal belongs to. */
  epoch?: number;
  revealEpoch?: number;
}

/** A schedule that cannot produce a reveal round (tempo 0, bad numbers); the message says which input. */
export class RevealRoundError extends Error {
  override name = 'RevealRoundError';
}

function checkInt(name: string, v: number | undefined, min: number) {
  if (v === undefined || !Number.isInteger(v) || v < min)
    throw new RevealRoundError(`${name} must be an integer ≥ ${min}, got ${v}.`);
}

/** The latest drand round out at time t (s): round r is published at `genesis + (r − 1) · period` (§1.4). */
export function drandRoundAt(t: number, genesis = DRAND_GENESIS_TIME, period = DRAND_PERIOD): number {
  return Math.floor((t - genesis) / period) + 1;
}

/** Generation B: the block the next epoch runs at, as `get_next_epoch_start_block` computes it; null for tempo 0. */
export function nextEpochStart(s: Pick<StatefulSchedule, 'tempo' | 'lastEpochBlock' | 'pendingEpochAt'>) {
  if (s.tempo === 0) return null;
  checkInt('lastEpochBlock', s.lastEpochBlock, 0);
  const regular = s.lastEpochBlock! + s.tempo;
  const pending = s.pendingEpochAt ?? 0;
  return pending > 0 && pending < regular ? pending : regular;
}

/**
 * The round to encrypt to and the window it aims at. Generation A (§2.9, bittensor-drand `generate_commit`):
 * `E = ⌊(b + netuid + 1)/(tempo + 1)⌋`, first reveal block `(E + RP)(tempo + 1) − (netuid + 1)`. Generation B:
 * `N' = max(N, b + 1)`, first reveal block `N' + (RP − 1) · tempo`. Both aim 3 blocks in, convert blocks to seconds
 * at 12 s, and take `max(1, ⌊(t − genesis)/3⌋)`.
 * @throws RevealRoundError for tempo 0 (no epochs, nothing is ever revealed) or malformed inputs.
 */
export function chooseRevealRound(s: RevealSchedule): RevealPlan {
  checkInt('block', s.block, 0);
  checkInt('tempo', s.tempo, 0);
  checkInt('revealPeriodEpochs', s.revealPeriodEpochs, 1);
  if (!Number.isFinite(s.now)) throw new RevealRoundError(`now must be a Unix time in seconds, got ${s.now}.`);
  if (s.tempo === 0) throw new RevealRoundError('tempo is 0: the subnet runs no epochs, so no commit is revealed.');
  const blockTime = s.blockTime ?? BLOCK_TIME;
  const genesis = s.drandGenesis ?? DRAND_GENESIS_TIME;
  const period = s.drandPeriod ?? DRAND_PERIOD;
  const offset = s.securityOffset ?? SECURITY_BLOCK_OFFSET;

  let firstRevealBlock: number;
  let epochs: Pick<RevealPlan, 'epoch' | 'revealEpoch'> = {};
  if (s.scheduler === 'modulo') {
    checkInt('netuid', s.netuid, 0);
    const epoch = epochIndexModulo(s.block, s.netuid, s.tempo);
    const revealEpoch = epoch + s.revealPeriodEpochs;
    [firstRevealBlock] = revealBlocksModulo(revealEpoch, s.netuid, s.tempo);
    epochs = { epoch, revealEpoch };
  } else {
    const n = s.nextEpochStartBlock !== undefined ? s.nextEpochStartBlock : nextEpochStart(s);
    if (n === null) throw new RevealRoundError('The runtime reports no next epoch (tempo 0): nothing is revealed.');
    checkInt('nextEpochStartBlock', n, 0);
    // An overdue (deferred) epoch runs on the next block at the earliest.
    firstRevealBlock = Math.max(n, s.block + 1) + (s.revealPeriodEpochs - 1) * s.tempo;
  }
  const targetBlock = firstRevealBlock + offset;
  // bittensor-drand saturates the block difference at 0; it is positive here, but keep the same rule.
  const targetTime = s.now + Math.max(targetBlock - s.block, 0) * blockTime;
  const revealRound = Math.max(1, Math.floor((targetTime - genesis) / period));
  return { revealRound, firstRevealBlock, targetBlock, targetTime, ...epochs };
}
