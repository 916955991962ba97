// Era G: the champion against one challenger at a time, on overlapping tasks only (Affine's comparator.py, spec
// §6.5): per-env dominant / not worse / worse, a sampling-count gate, and "≥ 1 dominant, none worse" to win.
// Both realms.
import { envScores } from './from-samples.ts';
import { allEnvs, byCommitment, envKey, fmt, JudgeInputError, nameOf } from './text.ts';
import type { EnvReason, EnvScores, ModelScores, Verdict, VerdictStep } from './types.ts';

export interface ChampionOptions {
  /** How far above the champion a dominant env must be (Affine: 0.03). */
  margin?: number;
  /** Per-env margins by spec name (default: DISTILL-V2 0.10). */
  marginByEnv?: Record<string, number>;
  /** Relative tolerance of "not worse": chal ≥ champ × (1 − tolerance) (Affine: 0.02). */
  tolerance?: number;
  /** Envs whose score is signed, so "not worse" is additive: chal ≥ champ − signedTolerance (default DISTILL-V2). */
  signedEnvs?: readonly string[];
  /** The additive tolerance of signed envs (Affine: 0.10). */
  signedTolerance?: number;
  /** Overlap each env needs before it can count (spec names; defaults from Affine's config at the snapshot). */
  samplingCounts?: Record<string, number>;
  /**
   * Overlap needed by envs not in `samplingCounts` (default 100, Affine's smallest scoring count: a local run of
   * 100 tasks per env can be judged, a run of 50 cannot). Lower it for small local runs.
   */
  samplingCount?: number;
  /** Dominant envs needed to win (Affine's WIN_MIN_DOMINANT_ENVS = 1). */
  minDominantEnvs?: number;
  /** The envs judged (default: every env either side has). */
  envs?: readonly string[];
}

/** Affine's `sampling_count` per scoring env at the era-G snapshot (§6.5, system_config.json @ c2d7ec81). */
export const ERA_G_SAMPLING_COUNTS: Readonly<Record<string, number>> = {
  'SWE-INFINITE': 200,
  'DISTILL-V2': 100,
  TERMINAL: 300,
  MEMORY: 100,
  REASONING: 300,
  'INSTRUCTION-GYM': 300,
};

const DEFAULTS = {
  margin: 0.03,
  marginByEnv: { 'DISTILL-V2': 0.1 } as Record<string, number>,
  tolerance: 0.02,
  signedEnvs: ['DISTILL-V2'] as readonly string[],
  signedTolerance: 0.1,
  samplingCount: 100,
  minDominantEnvs: 1,
};

/** `ceil(sampling_count × (1 + 0.1))` in IEEE doubles as Affine computes it: 100 → 111, 300 → 330, 450 → 496. */
export function taskPoolSize(samplingCount: number): number {
  return Math.ceil(samplingCount * (1 + 0.1));
}

/** Samples the champion needs per env before a battle starts: `ceil(pool × 0.95)` (111 → 106). */
export function championReadyCount(poolSize: number): number {
  return Math.ceil(poolSize * 0.95);
}

export type EnvOutcome = 'dominant' | 'not-worse' | 'worse';

interface Overlap {
  chal: EnvScores;
  champ: EnvScores | null;
  /** How the overlap was found, for the reasons. */
  how: string;
}

/** Both sides restricted to the task ids both have; aggregate means when either side has no per-task scores. */
function overlapOf(chal: EnvScores | undefined, champ: EnvScores | undefined): Overlap {
  if (!chal) return { chal: { n: 0, mean: 0 }, champ: champ ?? null, how: 'the challenger has no samples' };
  if (!champ || champ.n === 0)
    return { chal, champ: null, how: "no champion samples: its mean counts as 0, the challenger's own n is used" };
  if (chal.tasks && champ.tasks) {
    const a = new Map<string, number>();
    const b = new Map<string, number>();
    for (const [id, v] of chal.tasks) {
      const w = champ.tasks.get(id);
      if (w !== undefined) {
        a.set(id, v);
        b.set(id, w);
      }
    }
    return { chal: envScores(a), champ: envScores(b), how: `${a.size} common task ids` };
  }
  return {
    chal,
    champ,
    how: "no per-task scores on both sides: aggregate means, and the challenger's n stands for the overlap",
  };
}

/** One battle: does `challenger` take the champion's place? Models are not reordered. */
export function championVerdict(
  champion: ModelScores,
  challenger: ModelScores,
  options: ChampionOptions = {},
): Verdict {
  const o = { ...DEFAULTS, ...options };
  // Keys may be written either way ('affine:distill-v2', 'DISTILL-V2'): compare them in the spec's form.
  const norm = (r: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [envKey(k), v]));
  const counts = { ...ERA_G_SAMPLING_COUNTS, ...norm(options.samplingCounts) };
  const margins = { ...DEFAULTS.marginByEnv, ...norm(options.marginByEnv) };
  const signed = new Set(o.signedEnvs.map(envKey));
  const envs = options.envs ? [...options.envs] : allEnvs([champion, challenger]);
  if (envs.length === 0) throw new JudgeInputError('The champion rule needs at least one environment with scores.');
  const cName = nameOf(challenger);
  const hName = nameOf(champion);

  const gate: EnvReason[] = [];
  const verdicts: EnvReason[] = [];
  const outcomes: EnvOutcome[] = [];
  // Envs grouped by how their overlap was found, so the step reads 'aggregate means … for X, Y' once.
  const overlapNotes = new Map<string, string[]>();
  for (const env of envs) {
    const key = envKey(env);
    const need = counts[key] ?? o.samplingCount;
    const ov = overlapOf(challenger.envs[env], champion.envs[env]);
    overlapNotes.set(ov.how, [...(overlapNotes.get(ov.how) ?? []), env]);
    const chal = ov.chal.mean;
    const champ = ov.champ?.mean ?? 0;
    const values = {
      [challenger.id]: { mean: chal, n: ov.chal.n },
      [champion.id]: { mean: champ, n: ov.champ?.n ?? 0 },
    };
    const enough = ov.chal.n >= need;
    gate.push({
      env,
      values,
      test: `overlap ${ov.chal.n} ${enough ? '≥' : '<'} sampling count ${need}`,
      outcome: enough ? 'enough' : 'too few',
      passed: enough,
    });

    const margin = margins[key] ?? o.margin;
    const bar = champ + margin + 1e-9;
    const isSigned = signed.has(key);
    const floor = isSigned ? champ - o.signedTolerance - 1e-9 : champ * (1 - o.tolerance) - 1e-9;
    const floorText = isSigned
      ? `${fmt(champ)} − ${o.signedTolerance} − 1e-9 = ${fmt(floor)} (signed score)`
      : `${fmt(champ)} × (1 − ${o.tolerance}) − 1e-9 = ${fmt(floor)}`;
    let outcome: EnvOutcome;
    let test: string;
    if (!enough) {
      outcome = 'worse';
      test = `overlap ${ov.chal.n} < sampling count ${need}`;
    } else if (chal > bar) {
      outcome = 'dominant';
      test = `${fmt(chal)} > ${fmt(champ)} + ${margin} + 1e-9`;
    } else if (chal >= floor) {
      outcome = 'not-worse';
      test = `${fmt(chal)} ≤ ${fmt(champ)} + ${margin} + 1e-9; ${fmt(chal)} ≥ ${floorText}`;
    } else {
      outcome = 'worse';
      test = `${fmt(chal)} ≤ ${fmt(champ)} + ${margin} + 1e-9; ${fmt(chal)} < ${floorText}`;
    }
    outcomes.push(outcome);
    verdicts.push({
      env,
      values: { ...values, [champion.id]: { ...values[champion.id]!, threshold: bar } },
      test,
      outcome,
      passed: outcome !== 'worse',
    });
  }

  const dominant = envs.filter((_, i) => outcomes[i] === 'dominant');
  const worse = envs.filter((_, i) => outcomes[i] === 'worse');
  const wins = dominant.length >= o.minDominantEnvs && worse.length === 0;
  const gateOk = gate.every((g) => g.passed);
  // Affine's early loss (§6.5 step 6): an env with full overlap below the not-worse bound ends the battle at once;
  // otherwise, with overlap still missing somewhere, Affine has not decided yet and would keep sampling.
  const earlyLoss = envs.filter((_, i) => gate[i]!.passed && outcomes[i] === 'worse');
  const short = envs.filter((_, i) => !gate[i]!.passed);
  const steps: VerdictStep[] = [
    {
      title: 'Overlap',
      detail: `Each env compares only tasks both sides sampled. ${[...overlapNotes]
        .map(([how, es]) => `${es.join(', ')}: ${how}`)
        .join('; ')}.`,
    },
    {
      title: 'Sampling-count gate',
      passed: gateOk,
      detail: gateOk
        ? `Every env has enough overlap.`
        : `Too little overlap on ${gate
            .filter((g) => !g.passed)
            .map((g) => g.env)
            .join(', ')}: those envs count as worse (Affine would wait for more samples).`,
      envs: gate,
    },
    ...(gateOk
      ? []
      : [
          {
            title: 'Early loss',
            passed: earlyLoss.length === 0,
            detail: earlyLoss.length
              ? `With a complete overlap, ${cName} is below the not-worse bound on ${earlyLoss.join(', ')}: ` +
                `Affine ends the battle now, whatever the missing samples would show.`
              : `No env with a complete overlap is below the not-worse bound: Affine would not decide yet and ` +
                `would keep sampling ${short.join(', ')}; below, those envs count as worse.`,
          },
        ]),
    {
      title: 'Per-env verdict',
      detail: `Dominant: ${dominant.join(', ') || 'none'}. Worse: ${worse.join(', ') || 'none'}.`,
      envs: verdicts,
    },
    {
      title: 'Decision',
      passed: wins,
      detail:
        `${dominant.length} dominant env(s) (at least ${o.minDominantEnvs} needed) and ${worse.length} worse ` +
        `(none allowed): ${wins ? `${cName} takes the crown` : `${hName} stays champion`}.`,
    },
  ];
  const winner = wins ? challenger : champion;
  const why = wins
    ? `dominant on ${dominant.join(', ')} and not worse elsewhere`
    : worse.length
      ? `worse on ${worse.join(', ')}`
      : `dominant on ${dominant.length} env(s), ${o.minDominantEnvs} needed`;
  return {
    rule: 'champion',
    winner: winner.id,
    summary: wins
      ? `${cName} beats champion ${hName}: ${why}.`
      : gateOk || earlyLoss.length
        ? `${hName} stays champion: ${cName} is ${why}${gateOk ? '' : ' (early loss)'}.`
        : `${hName} stays champion for now: too little overlap on ${short.join(', ')} (Affine would wait for ` +
          `more samples).`,
    steps,
    weights: { [winner.id]: 1, [(wins ? champion : challenger).id]: 0 },
  };
}

/**
 * Era G over several models: the first is the champion; the others challenge it one at a time in commitment order
 * `(first_block, uid)`, each winner becoming the champion the next one faces (a loser is out for good).
 */
export function championRule(models: readonly ModelScores[], options: ChampionOptions = {}): Verdict {
  if (models.length < 2)
    throw new JudgeInputError(`The champion rule needs a champion and at least one challenger, got ${models.length}.`);
  const [first, ...rest] = models;
  let champion = first!;
  if (rest.length === 1) return championVerdict(champion, rest[0]!, options);
  const steps: VerdictStep[] = [];
  const queue = byCommitment(rest);
  queue.forEach((challenger, i) => {
    const v = championVerdict(champion, challenger, options);
    for (const s of v.steps) steps.push({ ...s, title: `Battle ${i + 1} (${nameOf(challenger)}): ${s.title}` });
    if (v.winner === challenger.id) champion = challenger;
  });
  const weights = Object.fromEntries(models.map((m) => [m.id, m === champion ? 1 : 0]));
  return {
    rule: 'champion',
    winner: champion.id,
    summary:
      champion === first
        ? `${nameOf(champion)} stays champion after ${queue.length} battles.`
        : `${nameOf(champion)} is champion after ${queue.length} battles (started with ${nameOf(first!)}).`,
    steps,
    weights,
  };
}
