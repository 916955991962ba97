// The chain's weight checks run locally before signing (chain.md §2.3, §2.4, §2.6, §2.7, §2.10): picks the extrinsic
// from the commit-reveal setting and lists every check in the order the chain runs it, each with the exact error
// the chain (or the transaction pool) would return. Chain state comes in as a plain object. Both realms, pure.
import { poolRejection } from '../pool-rejections.ts';
import { U16_MAX } from './convert.ts';

export type WeightsExtrinsic = 'set_weights' | 'commit_weights' | 'commit_timelocked_weights';

/** What the chain holds for this hotkey and subnet (read per subnet: defaults differ from `init_new_network`). */
export interface ChainState {
  block: number;
  netuid: number;
  subnetExists: boolean;
  /** `MechanismCountCurrent[netuid]`. */
  mechanismCount: number;
  /** `SubnetworkN[netuid]`: UIDs are 0…N−1. */
  subnetworkN: number;
  /** The hotkey's UID on `netuid`, null when it is not registered. */
  hotkeyUid: number | null;
  /** The hotkey is the subnet owner's: it passes the stake and permit checks. */
  isSubnetOwner: boolean;
  /** Inherited stake in rao: alpha on this subnet and TAO (root), and `TaoWeight` (u64, u64::MAX = 1). */
  alphaStake: bigint;
  taoStake: bigint;
  taoWeight: bigint;
  /** `StakeThreshold` (global, rao). */
  stakeThreshold: bigint;
  weightsVersionKey: bigint;
  /** `LastUpdate[netuid_index][uid]` (0 = never). */
  lastUpdate: number;
  weightsSetRateLimit: number;
  validatorPermit: boolean;
  minAllowedWeights: number;
  /** `get_max_weight_limit` (u16); u16::MAX today, so the check never fails. */
  maxWeightLimit?: number;
  commitRevealEnabled: boolean;
  /** `CommitRevealWeightsVersion` (default 4). */
  commitRevealVersion?: number;
  /** Unrevealed commits of this hotkey (CR-v2 queue, or the timelock bucket of the current epoch). */
  unrevealedCommits?: number;
  /** `Drand.LastStoredRound`, for timelocked commits. */
  drandLastStoredRound?: number;
}

export interface WeightsRequest {
  /** The signing hotkey (SS58 or hex); empty means nothing can sign. */
  hotkey: string;
  mecid?: number;
  /** The u16 uids and values that will be written (or revealed), before the chain's max-upscale. */
  uids: readonly number[];
  values: readonly number[];
  versionKey: bigint | number;
  /** Default: `set_weights` when commit-reveal is off, `commit_timelocked_weights` when on (§2.10). */
  extrinsic?: WeightsExtrinsic;
  /** Timelocked commits only. */
  revealRound?: number;
  commitRevealVersion?: number;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  /** The numbers compared, in words. */
  detail: string;
  /** The pallet error the chain returns when this check fails. */
  chainError: string;
  /** When the transaction pool rejects first: RPC `1010: Invalid Transaction: Custom error: code` (§2.4). */
  pool?: { code: number; name: string };
  /** 'submit': when the extrinsic is included; 'apply': when the weights are written (at reveal for commits). */
  phase: 'submit' | 'apply';
}

export interface PreflightResult {
  extrinsic: WeightsExtrinsic;
  ok: boolean;
  checks: CheckResult[];
  /** What the user will see: a pool rejection comes before any dispatch error. */
  firstFailure?: CheckResult;
}

const U64_MAX = (1n << 64n) - 1n;
const STAKE_TOO_LOW = poolRejection(1);
const RATE_LIMITED = poolRejection(6);
const MAX_UNREVEALED = 10;

/** Stake that counts for weights: `alpha + tao · TaoWeight / u64::MAX` (rao, rounded down). */
export const weightStake = (s: ChainState) => s.alphaStake + (s.taoStake * s.taoWeight) / U64_MAX;

/** `check_vec_max_limited` in I32F32: normalised max ≤ limit / 65535 (both truncated to 2^-32). */
function maxLimited(values: readonly number[], limit: number): boolean {
  const sum = values.reduce((s, v) => s + BigInt(v), 0n);
  if (values.length === 0 || sum === 0n) return true;
  const max = values.reduce((m, v) => (BigInt(v) > m ? BigInt(v) : m), 0n);
  return (max << 32n) / sum <= (BigInt(limit) << 32n) / BigInt(U16_MAX);
}

/**
 * Runs every check on `req` against `state`, in the chain's order: for `set_weights` the commit-reveal gate then
 * §2.3's thirteen; for commits their own dispatch checks (§2.6/§2.7), then §2.3 as the reveal will run it (no rate
 * limit there: it only applies with commit-reveal off). Never throws for a failing check; it reports it.
 */
export function preflightWeights(state: ChainState, req: WeightsRequest): PreflightResult {
  const extrinsic = req.extrinsic ?? (state.commitRevealEnabled ? 'commit_timelocked_weights' : 'set_weights');
  const checks: CheckResult[] = [];
  let phase: CheckResult['phase'] = 'submit';
  const add = (name: string, chainError: string, ok: boolean, detail: string, pool?: CheckResult['pool']) =>
    checks.push({ name, ok, detail, chainError, phase, ...(pool ? { pool } : {}) });
  /** 'a ≥ b' or 'a < b', as the check came out. */
  const vs = (a: unknown, ok: boolean, b: unknown, yes = '≥', no = '<') => `${a} ${ok ? yes : no} ${b}`;

  const { uids, values, hotkey } = req;
  const { netuid, hotkeyUid: uid, subnetworkN: n, weightsSetRateLimit: limitBlocks } = state;
  const mecid = req.mecid ?? 0;
  const selfWeight = uid !== null && uids.length === 1 && uids[0] === uid;
  const since = state.block - state.lastUpdate;
  const rateOk = state.lastUpdate === 0 || since >= limitBlocks;
  const rateDetail =
    state.lastUpdate === 0
      ? 'No earlier update from this UID.'
      : `${since} blocks since the last update (block ${state.lastUpdate}) ${vs('', rateOk, `rate limit ${limitBlocks}`).trim()}` +
        (rateOk ? '.' : `: wait ${limitBlocks - since} more blocks.`);
  const stake = weightStake(state);
  const stakeOk = state.isSubnetOwner || stake >= state.stakeThreshold;
  const stakeCheck = (pool?: CheckResult['pool']) =>
    add(
      'Enough stake',
      'NotEnoughStakeToSetWeights',
      stakeOk,
      state.isSubnetOwner
        ? 'The subnet owner hotkey needs no stake.'
        : `Stake ${stake} rao (alpha + TAO × TaoWeight) ${stakeOk ? '≥' : '<'} threshold ${state.stakeThreshold} rao.`,
      pool,
    );
  const mechanism = () =>
    add(
      'Subnet and mechanism exist',
      'MechanismDoesNotExist',
      state.subnetExists && mecid < state.mechanismCount,
      state.subnetExists
        ? `Mechanism ${mecid} of ${state.mechanismCount} on subnet ${netuid}.`
        : `Subnet ${netuid} does not exist.`,
    );
  const signed = () =>
    add('Signed by the hotkey', 'BadOrigin', hotkey.length > 0, hotkey ? `Signer ${hotkey}.` : 'No hotkey to sign.');
  const registered = () =>
    add(
      'Hotkey registered',
      'HotKeyNotRegisteredInSubNet',
      uid !== null,
      uid !== null ? `The hotkey is UID ${uid} on subnet ${netuid}.` : `The hotkey is not registered on ${netuid}.`,
    );

  if (extrinsic === 'set_weights') {
    const on = state.commitRevealEnabled;
    const detail = on ? 'Commit-reveal is on here: commit the weights instead.' : 'Commit-reveal is off.';
    add('Commit-reveal off', 'CommitRevealEnabled', !on, detail);
  } else {
    // §2.7's dispatch order (the hash commit of §2.6 is assumed to follow it, without the version check).
    const timelocked = extrinsic === 'commit_timelocked_weights';
    mechanism();
    signed();
    const on = state.commitRevealEnabled;
    add(
      'Commit-reveal on',
      'CommitRevealDisabled',
      on,
      on ? 'Commit-reveal is on.' : 'Commit-reveal is off: use set_weights.',
    );
    if (timelocked) {
      const want = state.commitRevealVersion ?? 4;
      const ok = req.commitRevealVersion === want;
      const detail = `commit_reveal_version ${vs(req.commitRevealVersion, ok, want, '=', '≠')} (the chain's).`;
      add('Commit-reveal version', 'IncorrectCommitRevealVersion', ok, detail);
    }
    registered();
    stakeCheck(STAKE_TOO_LOW);
    add('Commit rate limit', 'CommittingWeightsTooFast', rateOk, rateDetail, timelocked ? undefined : RATE_LIMITED);
    const pending = state.unrevealedCommits ?? 0;
    const detail = `${pending} unrevealed commit(s); at most ${MAX_UNREVEALED - 1} may wait before a new one.`;
    add('Unrevealed commits', 'TooManyUnrevealedCommits', pending < MAX_UNREVEALED, detail);
    if (timelocked) {
      const r = req.revealRound;
      const last = state.drandLastStoredRound ?? 0;
      const ok = r !== undefined && Number.isInteger(r) && r >= last;
      const detail = r === undefined ? 'No reveal_round given.' : `reveal_round ${vs(r, ok, `stored round ${last}`)}.`;
      add('Reveal round not past', 'InvalidRevealRound', ok, detail, poolRejection(15));
    }
    phase = 'apply';
  }

  // §2.3 in order (`internal_set_weights`); a commit's reveal runs the same list later, without the rate limit.
  if (phase === 'submit') signed();
  add(
    'Not the root subnet',
    'CanNotSetRootNetworkWeights',
    netuid !== 0,
    `Netuid ${netuid}${netuid ? '' : ' is root'}.`,
  );
  const sameLen = uids.length === values.length;
  add('As many values as uids', 'WeightVecNotEqualSize', sameLen, `${uids.length} uids, ${values.length} values.`);
  mechanism();
  const fits = uids.length <= n;
  add(
    'No more uids than neurons',
    'UidsLengthExceedUidsInSubNet',
    fits,
    `${vs(uids.length, fits, n, '≤', '>')} neurons.`,
  );
  registered();
  stakeCheck(phase === 'submit' ? STAKE_TOO_LOW : undefined);
  const [minVk, vk] = [state.weightsVersionKey, BigInt(req.versionKey)];
  const vkOk = minVk === 0n || vk >= minVk;
  const vkDetail = minVk === 0n ? 'No version key required.' : `version_key ${vs(vk, vkOk, `required ${minVk}`)}.`;
  add('Version key', 'IncorrectWeightVersionKey', vkOk, vkDetail);
  if (phase === 'submit') add('Rate limit', 'SettingWeightsTooFast', rateOk, rateDetail, RATE_LIMITED);
  const permitDetail = state.validatorPermit
    ? 'The UID holds a validator permit.'
    : selfWeight || state.isSubnetOwner
      ? `No permit, but ${selfWeight ? 'a self-weight' : 'the subnet owner'} needs none.`
      : 'The UID has no validator permit: only a weight on itself is allowed.';
  const permitOk = selfWeight || state.isSubnetOwner || state.validatorPermit;
  add('Validator permit', 'NeuronNoValidatorPermit', permitOk, permitDetail);
  const dups = [...new Set(uids.filter((u, i) => uids.indexOf(u) !== i))];
  add('No duplicate uids', 'DuplicateUids', !dups.length, dups.length ? `Repeated: ${dups}.` : 'All uids distinct.');
  const bad = uids.filter((u) => !(u >= 0 && u < n));
  const badDetail = bad.length ? `Not on the subnet (UIDs 0…${n - 1}): ${bad}.` : `All uids below ${n}.`;
  add('Every uid exists', 'UidVecContainInvalidOne', bad.length === 0, badDetail);
  const minLen = Math.min(state.minAllowedWeights, n);
  const lenOk = selfWeight || uids.length >= minLen;
  const lenDetail = selfWeight
    ? 'A self-weight is exempt.'
    : `${vs(uids.length, lenOk, minLen)} = min(MinAllowedWeights ${state.minAllowedWeights}, ${n} neurons).`;
  add('Enough weights', 'WeightVecLengthIsLow', lenOk, lenDetail);
  const limit = state.maxWeightLimit ?? U16_MAX;
  const limDetail = limit >= U16_MAX ? 'No limit (u16::MAX).' : `Largest share must be ≤ ${limit}/65535 of the sum.`;
  add('Max weight limit', 'MaxWeightExceeded', selfWeight || maxLimited(values, limit), limDetail);

  const failed = checks.filter((c) => !c.ok);
  const firstFailure = failed.find((c) => c.pool) ?? failed[0];
  return { extrinsic, ok: failed.length === 0, checks, ...(firstFailure ? { firstFailure } : {}) };
}
