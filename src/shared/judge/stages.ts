// Era D: Affine's four-stage scorer (affine/src/scorer/*, spec §6.4). Stage 1 averages, completeness and
// thresholds; stage 2 a pairwise Pareto filter in commitment order; stage 3 env-subset layers shared by geometric
// mean and rank; stage 4 weights with the dust below 0.01 sent to UID 0. Both realms.
import { allEnvs, byCommitment, envKey, fmt, JudgeInputError, nameOf } from './text.ts';
import type { EnvReason, EnvScores, ModelScores, Verdict, VerdictStep } from './types.ts';

export interface StagesOptions {
  /** z of the threshold gap (default 1.5, #235; Affine used 2.0 everywhere from 2026-04-05). */
  z?: number;
  /** Per-env z by spec name (e.g. { GAME: 1.0, PRINT: 2.0 } from 2026-01-22). */
  zByEnv?: Record<string, number>;
  /** 'z' = threshold(p, n) from 2026-01-04 (default); 'dec2025' = threshold(p) with gap (1 − p) × 0.2. */
  thresholdForm?: 'z' | 'dec2025';
  /** Completeness an env needs to count (default 0.9). */
  minCompleteness?: number;
  /** Per-env completeness by spec name (Affine: GAME 0.5, later 0.8). */
  minCompletenessByEnv?: Record<string, number>;
  /**
   * Size of each env's sampling list, the denominator of completeness. Without it the largest n any model has on
   * that env stands for the list (everyone is asked the same tasks).
   */
  samplingCounts?: Record<string, number>;
  /** Layers of env subsets scored (default 1: only the full env set, #282; 6 before 2026-03-08). */
  maxLayers?: number;
  /** 'smoothed' (default, from 2026-01-31) or 'plain' (Dec 2025: 0 if any env mean is 0). */
  geometric?: 'smoothed' | 'plain';
  /** ε of the smoothed geometric mean (default 0.1; 0.01 from 2026-02-11 to early April). */
  epsilon?: number;
  /** Compare each pair on its common task ids (#277, default true) rather than on the stage-1 means. */
  commonTasks?: boolean;
  /** Weights below this are zeroed, before and after normalising (default 0.01). */
  minWeight?: number;
}

const EPS = 1e-9;
/** Subsets beyond this many get one summary step instead of a stage-2 and a stage-3 step each. */
const MAX_DETAILED_SUBSETS = 12;

/** threshold(p, n) = min(p + clamp(z·sqrt(p(1 − p)/n), 0.02, 0.10), 1); the gap is 0.10 when n ≤ 0. */
export function threshold(p: number, n: number, z = 1.5): number {
  const gap = n <= 0 ? 0.1 : Math.min(Math.max(z * Math.sqrt((p * (1 - p)) / n), 0.02), 0.1);
  return Math.min(p + gap, 1);
}

/** The Dec 2025 form: min(p + clamp((1 − p) × 0.2, 0.02, 0.10), 1). */
export function thresholdDec2025(p: number): number {
  return Math.min(p + Math.min(Math.max((1 - p) * 0.2, 0.02), 0.1), 1);
}

/** Geometric mean of env means: smoothed `max(Π(v + ε)^(1/k) − ε, 0)`, or plain (0 if any is 0). */
export function geometricMean(
  values: readonly number[],
  mode: 'smoothed' | 'plain' = 'smoothed',
  epsilon = 0.1,
): number {
  const shift = mode === 'smoothed' ? epsilon : 0;
  let prod = 1;
  for (const v of values) {
    // A signed env can push v + ε to 0 or below; the product would turn negative or NaN, so that subset scores 0.
    if (v + shift <= 0) return 0;
    prod *= v + shift;
  }
  return Math.max(prod ** (1 / values.length) - shift, 0);
}

/** All k-element subsets of 0..n-1 in lexicographic order. */
function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, acc: number[]) => {
    if (acc.length === k) return void out.push([...acc]);
    for (let i = start; i <= n - (k - acc.length); i++) pick(i + 1, [...acc, i]);
  };
  pick(0, []);
  return out;
}

interface Stage1 {
  mean: number;
  n: number;
  threshold: number;
  valid: boolean;
  completeness: number;
}

interface PairEnv {
  a: number;
  b: number;
  n: number;
  thr: number;
  bWins: boolean;
  reason: EnvReason;
}

export function stagesRule(input: readonly ModelScores[], options: StagesOptions = {}): Verdict {
  if (input.length === 0) throw new JudgeInputError('The four-stage rule needs at least one model.');
  const models = byCommitment(input);
  const envs = allEnvs(models);
  if (envs.length === 0) throw new JudgeInputError('The four-stage rule needs at least one environment with scores.');
  const norm = (r: Record<string, number> | undefined) =>
    new Map(Object.entries(r ?? {}).map(([k, v]) => [envKey(k), v]));
  const zBy = norm(options.zByEnv);
  const compBy = norm(options.minCompletenessByEnv);
  const totals = norm(options.samplingCounts);
  const minW = options.minWeight ?? 0.01;
  const gmMode = options.geometric ?? 'smoothed';
  const eps = options.epsilon ?? 0.1;
  const thr = (env: string, p: number, n: number) =>
    options.thresholdForm === 'dec2025'
      ? thresholdDec2025(p)
      : threshold(p, n, zBy.get(envKey(env)) ?? options.z ?? 1.5);
  const steps: VerdictStep[] = [];

  // Stage 1: averages, completeness, thresholds.
  const s1: Stage1[][] = models.map(() => []);
  const stage1Reasons: EnvReason[] = envs.map((env, e) => {
    const total = totals.get(envKey(env)) ?? Math.max(...models.map((m) => m.envs[env]?.n ?? 0));
    const need = compBy.get(envKey(env)) ?? options.minCompleteness ?? 0.9;
    const values: EnvReason['values'] = {};
    models.forEach((m, i) => {
      const r: EnvScores = m.envs[env] ?? { n: 0, mean: 0 };
      const completeness = total > 0 ? r.n / total : 0;
      s1[i]![e] = { mean: r.mean, n: r.n, threshold: thr(env, r.mean, r.n), valid: completeness >= need, completeness };
      values[m.id] = { mean: r.mean, n: r.n, threshold: s1[i]![e]!.threshold };
    });
    const valid = models.filter((_, i) => s1[i]![e]!.valid).length;
    return {
      env,
      values,
      test: `completeness ≥ ${need} of ${total}: ${models.map((m, i) => `${nameOf(m)} ${s1[i]![e]!.n}/${total}`).join(', ')}`,
      outcome: `${valid} of ${models.length} valid`,
      passed: valid === models.length,
    };
  });
  steps.push({
    title: 'Stage 1: averages and thresholds',
    detail:
      `Per env: mean, completeness and the threshold a later model must beat ` +
      (options.thresholdForm === 'dec2025'
        ? `(p + clamp((1 − p) × 0.2, 0.02, 0.10)). `
        : `(p + clamp(z·sqrt(p(1 − p)/n), 0.02, 0.10), z = ${options.z ?? 1.5}). `) +
      models
        .map(
          (m, i) =>
            `${nameOf(m)}: ${envs.map((env, e) => `${env} ${fmt(s1[i]![e]!.mean)} → ${fmt(s1[i]![e]!.threshold)}`).join(', ')}`,
        )
        .join('; ') +
      '.',
    envs: stage1Reasons,
  });

  // Stage 2 building block: A (earlier, index i) against B (later, j) on one env, on their common tasks (#277).
  const pairCache = new Map<string, PairEnv>();
  const pairEnv = (i: number, j: number, e: number): PairEnv => {
    const key = `${i}|${j}|${e}`;
    const hit = pairCache.get(key);
    if (hit) return hit;
    const env = envs[e]!;
    const A = models[i]!.envs[env];
    const B = models[j]!.envs[env];
    let a = s1[i]![e]!.mean;
    let b = s1[j]![e]!.mean;
    let t = s1[i]![e]!.threshold;
    let n = s1[i]![e]!.n;
    let how = 'stage-1 means';
    if (options.commonTasks !== false && A?.tasks && B?.tasks) {
      let sa = 0;
      let sb = 0;
      let k = 0;
      for (const [id, v] of A.tasks) {
        const w = B.tasks.get(id);
        if (w === undefined) continue;
        sa += v;
        sb += w;
        k++;
      }
      if (k > 0) {
        a = sa / k;
        b = sb / k;
        n = k;
        t = thr(env, a, k);
        how = `${k} common tasks`;
      } else how = 'no common task: stage-1 means';
    }
    const bWins = b > t + EPS;
    const [nA, nB] = [nameOf(models[i]!), nameOf(models[j]!)];
    const reason: EnvReason = {
      env,
      values: { [models[i]!.id]: { mean: a, n, threshold: t }, [models[j]!.id]: { mean: b, n } },
      test: `${nB} ${fmt(b)} ${bWins ? '>' : '≤'} ${nA}'s threshold ${fmt(t)} + 1e-9 (${how})`,
      outcome: `${bWins ? nB : nA} wins`,
      passed: bWins,
    };
    const r = { a, b, n, thr: t, bWins, reason };
    pairCache.set(key, r);
    return r;
  };

  // Stages 2 and 3 per subset of envs.
  const N = envs.length;
  const maxLayers = options.maxLayers ?? 1;
  const start = N > maxLayers ? N - maxLayers + 1 : 1;
  const shares = models.map(() => 0);
  let subsetCount = 0;
  for (let L = N; L >= start; L--) {
    const subsets = combinations(N, L);
    const layerWeight = N * 2 ** (L - start);
    const subsetWeight = layerWeight / subsets.length;
    for (const S of subsets) {
      subsetCount++;
      const detailed = subsetCount <= MAX_DETAILED_SUBSETS;
      const label = `{${S.map((e) => envs[e]).join(', ')}}`;
      const validOn = (i: number) => S.every((e) => s1[i]![e]!.valid);
      const filtered = new Set<number>();
      const pairNotes: string[] = [];
      const reasons: EnvReason[] = [];
      for (let i = 0; i < models.length; i++) {
        if (!validOn(i)) continue;
        for (let j = i + 1; j < models.length; j++) {
          if (!validOn(j)) continue;
          const rs = S.map((e) => pairEnv(i, j, e));
          reasons.push(...rs.map((r) => r.reason));
          const bAll = rs.every((r) => r.bWins);
          const aAll = rs.every((r) => !r.bWins);
          const [nA, nB] = [nameOf(models[i]!), nameOf(models[j]!)];
          if (aAll) filtered.add(j);
          if (bAll) filtered.add(i);
          pairNotes.push(
            aAll
              ? `${nA} wins every env, ${nB} filtered`
              : bAll
                ? `${nB} wins every env, ${nA} filtered`
                : `${nA} vs ${nB} split`,
          );
        }
      }
      const eligible = models.map((_, i) => i).filter((i) => validOn(i) && !filtered.has(i));
      const gms = eligible.map((i) => ({
        i,
        gm: geometricMean(
          S.map((e) => s1[i]![e]!.mean),
          gmMode,
          eps,
        ),
      }));
      // Array.prototype.sort is stable, so equal means keep commitment order, as in Affine.
      gms.sort((x, y) => y.gm - x.gm);
      const scored = gms.map((g, r) => ({ ...g, score: g.gm * 0.5 ** r }));
      const sum = scored.reduce((t, g) => t + g.score, 0);
      for (const g of scored) shares[g.i]! += sum > 0 ? (subsetWeight * g.score) / sum : subsetWeight / scored.length;
      if (!detailed) continue;
      steps.push({
        title: `Stage 2: Pareto filter on ${label}`,
        detail:
          (pairNotes.length
            ? `${pairNotes.join('; ')}.`
            : 'Fewer than two models valid on every env: nothing to compare.') +
          (filtered.size
            ? ` Filtered: ${[...filtered].map((i) => nameOf(models[i]!)).join(', ')}.`
            : ' None filtered.'),
        envs: reasons,
      });
      steps.push({
        title: `Stage 3: subset ${label}, layer ${L}`,
        detail:
          `Weight ${fmt(subsetWeight)} (layer ${N} × 2^${L - start} = ${layerWeight} over ${subsets.length} subset(s)). ` +
          (scored.length
            ? scored
                .map(
                  (g, r) =>
                    `${nameOf(models[g.i]!)} gm ${fmt(g.gm)} × 0.5^${r} = ${fmt(g.score)} → ${fmt(sum > 0 ? (subsetWeight * g.score) / sum : subsetWeight / scored.length)}`,
                )
                .join('; ') + (sum > 0 ? '.' : ' (all 0: equal split).')
            : 'No eligible model: the weight goes unpaid.'),
      });
    }
  }
  if (subsetCount > MAX_DETAILED_SUBSETS)
    steps.push({
      title: 'Stages 2 and 3: remaining subsets',
      detail: `${subsetCount - MAX_DETAILED_SUBSETS} more subsets were scored the same way; their shares are in the totals below.`,
    });

  // Stage 4: dust to UID 0.
  const raw = shares.map((s) => (s < minW ? 0 : s));
  const total = raw.reduce((t, s) => t + s, 0);
  const normed = raw.map((s) => (total > 0 ? s / total : 0));
  const uid0 = models.findIndex((m) => m.uid === 0);
  let dust = 0;
  const final = normed.map((w, i) => {
    if (i === uid0 || w >= minW) return w;
    dust += w;
    return 0;
  });
  if (uid0 >= 0) final[uid0]! += dust;
  const weights = Object.fromEntries(models.map((m, i) => [m.id, final[i]!]));
  steps.push({
    title: 'Stage 4: weights',
    detail:
      `Subset shares ${models.map((m, i) => `${nameOf(m)} ${fmt(shares[i]!)}`).join(', ')}; below ${minW} zeroed, ` +
      `normalised to ${models.map((m, i) => `${nameOf(m)} ${fmt(normed[i]!)}`).join(', ')}. ` +
      (dust > 0
        ? uid0 >= 0
          ? `${fmt(dust)} below ${minW} goes to UID 0.`
          : `${fmt(dust)} below ${minW} would go to UID 0 (burn to UID 0); UID 0 is not among the models, so the weights sum to ${fmt(1 - dust)}.`
        : `Nothing below ${minW} after normalising.`),
  });

  const best = final.reduce((b, w, i) => (w > final[b]! ? i : b), 0);
  const winner = final[best]! > 0 ? models[best]! : null;
  return {
    rule: 'stages',
    winner: winner?.id ?? null,
    summary: winner
      ? `${nameOf(winner)} gets the largest weight, ${fmt(final[best]!)}.`
      : 'No model earns weight: none is valid on a full subset of envs.',
    steps,
    weights,
  };
}
