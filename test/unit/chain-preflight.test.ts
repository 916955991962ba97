// Before signing: the preflight runs every chain check in the chain's order (each failing on its own with its exact
// error name, pool codes where the pool rejects first), and reveal_round is chosen for both epoch schedulers on
// hand-computed examples. Node (vitest 'unit').
import { describe, expect, it } from 'vitest';
import { preflightWeights, type ChainState, type WeightsRequest } from '../../src/chain/weights/preflight.ts';
import { chooseRevealRound, drandRoundAt, nextEpochStart } from '../../src/chain/weights/reveal-round.ts';

const TAO = 1_000_000_000n;
const good: ChainState = {
  block: 1000,
  netuid: 120,
  subnetExists: true,
  mechanismCount: 1,
  subnetworkN: 256,
  hotkeyUid: 7,
  isSubnetOwner: false,
  alphaStake: 2000n * TAO,
  taoStake: 0n,
  taoWeight: 0n,
  stakeThreshold: 1000n * TAO,
  weightsVersionKey: 0n,
  lastUpdate: 800,
  weightsSetRateLimit: 100,
  validatorPermit: true,
  minAllowedWeights: 1,
  commitRevealEnabled: false,
};
const req: WeightsRequest = { hotkey: '5Validator', uids: [1, 17], values: [100, 65535], versionKey: 0 };

/** The chain errors of the failing checks, in order. */
const failures = (s: Partial<ChainState>, r: Partial<WeightsRequest> = {}) =>
  preflightWeights({ ...good, ...s }, { ...req, ...r })
    .checks.filter((c) => !c.ok)
    .map((c) => c.chainError);

describe('preflight: set_weights', () => {
  it('passes a good state, choosing set_weights with commit-reveal off, checks in the chain order', () => {
    const p = preflightWeights(good, req);
    expect(p).toMatchObject({ extrinsic: 'set_weights', ok: true });
    expect(p.firstFailure).toBeUndefined();
    expect(p.checks.map((c) => c.chainError)).toEqual([
      'CommitRevealEnabled',
      'BadOrigin',
      'CanNotSetRootNetworkWeights',
      'WeightVecNotEqualSize',
      'MechanismDoesNotExist',
      'UidsLengthExceedUidsInSubNet',
      'HotKeyNotRegisteredInSubNet',
      'NotEnoughStakeToSetWeights',
      'IncorrectWeightVersionKey',
      'SettingWeightsTooFast',
      'NeuronNoValidatorPermit',
      'DuplicateUids',
      'UidVecContainInvalidOne',
      'WeightVecLengthIsLow',
      'MaxWeightExceeded',
    ]);
  });

  it('fails each check on its own with the chain error name', () => {
    expect(failures({ commitRevealEnabled: true }, { extrinsic: 'set_weights' })).toEqual(['CommitRevealEnabled']);
    expect(failures({}, { hotkey: '' })).toEqual(['BadOrigin']);
    expect(failures({ netuid: 0 })).toEqual(['CanNotSetRootNetworkWeights']);
    expect(failures({}, { values: [100] })).toEqual(['WeightVecNotEqualSize']);
    expect(failures({ subnetExists: false })).toEqual(['MechanismDoesNotExist']);
    expect(failures({}, { mecid: 1 })).toEqual(['MechanismDoesNotExist']);
    expect(failures({ hotkeyUid: null })).toEqual(['HotKeyNotRegisteredInSubNet']);
    expect(failures({ alphaStake: 999n * TAO })).toEqual(['NotEnoughStakeToSetWeights']);
    expect(failures({ weightsVersionKey: 5n }, { versionKey: 4 })).toEqual(['IncorrectWeightVersionKey']);
    expect(failures({ lastUpdate: 950 })).toEqual(['SettingWeightsTooFast']);
    expect(failures({ validatorPermit: false })).toEqual(['NeuronNoValidatorPermit']);
    expect(failures({}, { uids: [1, 1] })).toEqual(['DuplicateUids']);
    expect(failures({}, { uids: [1, 256] })).toEqual(['UidVecContainInvalidOne']);
    expect(failures({ minAllowedWeights: 3 })).toEqual(['WeightVecLengthIsLow']);
    expect(failures({ maxWeightLimit: 32768 })).toEqual(['MaxWeightExceeded']);
  });

  it('reports more uids than neurons first; distinct uids beyond N then also fail the uid check', () => {
    const p = preflightWeights({ ...good, subnetworkN: 2 }, { ...req, uids: [0, 1, 2], values: [1, 2, 3] });
    expect(p.firstFailure?.chainError).toBe('UidsLengthExceedUidsInSubNet');
    expect(p.checks.filter((c) => !c.ok).map((c) => c.chainError)).toEqual([
      'UidsLengthExceedUidsInSubNet',
      'UidVecContainInvalidOne',
    ]);
  });

  it('applies the exemptions and boundaries the chain has', () => {
    // Owner: no stake, no permit needed.
    expect(failures({ isSubnetOwner: true, alphaStake: 0n, validatorPermit: false })).toEqual([]);
    // Self-weight: no permit, no minimum length, no max-weight limit.
    expect(
      failures({ validatorPermit: false, minAllowedWeights: 5, maxWeightLimit: 1 }, { uids: [7], values: [1] }),
    ).toEqual([]);
    // TAO counts through TaoWeight (u64::MAX = 1.0); with TaoWeight 0 it does not.
    expect(failures({ alphaStake: 0n, taoStake: 4000n * TAO, taoWeight: (1n << 64n) - 1n })).toEqual([]);
    expect(failures({ alphaStake: 0n, taoStake: 4000n * TAO })).toEqual(['NotEnoughStakeToSetWeights']);
    // Exactly the rate limit passes; LastUpdate 0 (never) passes; version key equal passes, 0 means none required.
    expect(failures({ lastUpdate: 900 })).toEqual([]);
    expect(failures({ lastUpdate: 0, block: 5 })).toEqual([]);
    expect(failures({ weightsVersionKey: 5n }, { versionKey: 5n })).toEqual([]);
    // min(MinAllowedWeights, N): a subnet of 2 neurons accepts 2 weights even with MinAllowedWeights 1024.
    expect(failures({ minAllowedWeights: 1024, subnetworkN: 2 }, { uids: [0, 1] })).toEqual([]);
    // Equal halves are within a 32768/65535 limit.
    expect(failures({ maxWeightLimit: 32768 }, { values: [65535, 65535] })).toEqual([]);
  });

  it('names the pool rejection the user sees first, with its 1010 custom code', () => {
    const p = preflightWeights({ ...good, weightsVersionKey: 9n, lastUpdate: 950 }, req);
    expect(p.firstFailure).toMatchObject({
      chainError: 'SettingWeightsTooFast',
      pool: { code: 6, name: 'RateLimitExceeded' },
    });
    const s = preflightWeights({ ...good, alphaStake: 1n }, req);
    expect(s.firstFailure).toMatchObject({
      chainError: 'NotEnoughStakeToSetWeights',
      pool: { code: 1, name: 'StakeAmountTooLow' },
    });
    expect(s.firstFailure!.detail).toBe(`Stake 1 rao (alpha + TAO × TaoWeight) < threshold ${1000n * TAO} rao.`);
  });
});

describe('preflight: commits', () => {
  const cr: Partial<ChainState> = { commitRevealEnabled: true, commitRevealVersion: 4, drandLastStoredRound: 500 };
  const tl: Partial<WeightsRequest> = { revealRound: 600, commitRevealVersion: 4 };

  it('chooses the timelocked commit with commit-reveal on, and defers §2.3 to the reveal without the rate limit', () => {
    const p = preflightWeights({ ...good, ...cr }, { ...req, ...tl });
    expect(p).toMatchObject({ extrinsic: 'commit_timelocked_weights', ok: true });
    const submit = p.checks.filter((c) => c.phase === 'submit').map((c) => c.chainError);
    expect(submit).toEqual([
      'MechanismDoesNotExist',
      'BadOrigin',
      'CommitRevealDisabled',
      'IncorrectCommitRevealVersion',
      'HotKeyNotRegisteredInSubNet',
      'NotEnoughStakeToSetWeights',
      'CommittingWeightsTooFast',
      'TooManyUnrevealedCommits',
      'InvalidRevealRound',
    ]);
    const apply = p.checks.filter((c) => c.phase === 'apply').map((c) => c.chainError);
    expect(apply).not.toContain('SettingWeightsTooFast');
    expect(apply).toContain('NeuronNoValidatorPermit');
  });

  it('fails each commit check on its own', () => {
    const f = (s: Partial<ChainState>, r: Partial<WeightsRequest> = {}) => failures({ ...cr, ...s }, { ...tl, ...r });
    expect(f({ commitRevealEnabled: false }, { extrinsic: 'commit_timelocked_weights' })).toEqual([
      'CommitRevealDisabled',
    ]);
    expect(f({}, { commitRevealVersion: 3 })).toEqual(['IncorrectCommitRevealVersion']);
    expect(f({ lastUpdate: 950 })).toEqual(['CommittingWeightsTooFast']);
    expect(f({ unrevealedCommits: 10 })).toEqual(['TooManyUnrevealedCommits']);
    expect(f({}, { revealRound: 499 })).toEqual(['InvalidRevealRound']);
    expect(f({}, { revealRound: undefined })).toEqual(['InvalidRevealRound']);
    // Checks the reveal will run, failing now rather than silently at reveal time.
    expect(f({ validatorPermit: false })).toEqual(['NeuronNoValidatorPermit']);
    // Stake: the pool refuses the commit (code 1), and the reveal would fail too.
    expect(f({ alphaStake: 0n })).toEqual(['NotEnoughStakeToSetWeights', 'NotEnoughStakeToSetWeights']);
  });

  it('rate-limits hash commits in the pool (code 6) but timelocked ones only at dispatch', () => {
    const hash = preflightWeights({ ...good, ...cr, lastUpdate: 950 }, { ...req, extrinsic: 'commit_weights' });
    expect(hash.extrinsic).toBe('commit_weights');
    expect(hash.firstFailure).toMatchObject({ chainError: 'CommittingWeightsTooFast', pool: { code: 6 } });
    expect(hash.checks.some((c) => c.chainError === 'InvalidRevealRound')).toBe(false);
    const timelocked = preflightWeights({ ...good, ...cr, lastUpdate: 950 }, { ...req, ...tl });
    expect(timelocked.firstFailure).toMatchObject({ chainError: 'CommittingWeightsTooFast' });
    expect(timelocked.firstFailure!.pool).toBeUndefined();
  });
});

describe('reveal_round', () => {
  const now = 1_750_000_000;

  it('generation A (modulo), hand-computed', () => {
    // E = ⌊(5 000 000 + 121)/361⌋ = 13850; first reveal block 13851 · 361 − 121 = 5 000 090; target 5 000 093,
    // 93 blocks · 12 s later; round ⌊(1 750 001 116 − 1 692 803 367)/3⌋ = ⌊57 197 749/3⌋ = 19 065 916.
    const s = { scheduler: 'modulo', block: 5_000_000, now, tempo: 360, netuid: 120, revealPeriodEpochs: 1 } as const;
    expect(chooseRevealRound(s)).toEqual({
      revealRound: 19_065_916,
      firstRevealBlock: 5_000_090,
      targetBlock: 5_000_093,
      targetTime: 1_750_001_116,
      epoch: 13850,
      revealEpoch: 13851,
    });
    // Two epochs: first block 13852 · 361 − 121 = 5 000 451; 454 blocks → ⌊57 202 081/3⌋ = 19 067 360.
    expect(chooseRevealRound({ ...s, revealPeriodEpochs: 2 }).revealRound).toBe(19_067_360);
    // On the epoch's run block (5 000 089: (b + 121) mod 361 = 360) the window opens on the very next block.
    expect(chooseRevealRound({ ...s, block: 5_000_089 }).firstRevealBlock).toBe(5_000_090);
  });

  it('generation B (stateful), hand-computed, with and without a deferred epoch', () => {
    // N = 4 999 800 + 360 = 5 000 160; target 5 000 163 (163 blocks); ⌊57 198 589/3⌋ = 19 066 196.
    const s = {
      scheduler: 'stateful',
      block: 5_000_000,
      now,
      tempo: 360,
      revealPeriodEpochs: 1,
      lastEpochBlock: 4_999_800,
    } as const;
    expect(chooseRevealRound(s)).toMatchObject({
      revealRound: 19_066_196,
      firstRevealBlock: 5_000_160,
      targetBlock: 5_000_163,
    });
    expect(chooseRevealRound({ ...s, nextEpochStartBlock: 5_000_160 }).revealRound).toBe(19_066_196);
    // Deferred: PendingEpochAt 4 999 990 is overdue, so N' = b + 1 = 5 000 001; RP 2 → R = 5 000 361, target
    // 5 000 364 (364 blocks, 4368 s) → ⌊57 201 001/3⌋ = 19 067 000.
    const deferred = { ...s, pendingEpochAt: 4_999_990, revealPeriodEpochs: 2 };
    expect(nextEpochStart(deferred)).toBe(4_999_990);
    expect(chooseRevealRound(deferred)).toMatchObject({ revealRound: 19_067_000, firstRevealBlock: 5_000_361 });
    expect(() => chooseRevealRound({ ...s, nextEpochStartBlock: null })).toThrow(/no next epoch/);
  });

  it('never returns a round below 1, refuses tempo 0, and aims at a pulse published by the target time', () => {
    const a = {
      scheduler: 'modulo',
      block: 10,
      now: 1_692_800_000,
      tempo: 10,
      netuid: 1,
      revealPeriodEpochs: 1,
    } as const;
    expect(chooseRevealRound(a).revealRound).toBe(1);
    expect(() => chooseRevealRound({ ...a, tempo: 0 })).toThrow(/tempo is 0/);
    expect(drandRoundAt(1_692_803_367)).toBe(1);
    const p = chooseRevealRound({ ...a, now });
    expect(drandRoundAt(p.targetTime)).toBe(p.revealRound + 1);
  });
});
