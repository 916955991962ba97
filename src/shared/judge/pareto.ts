// Era A: ε-Pareto dominance with a single winner (affine/__init__.py @ 39d58c66, spec §6.1). Eligibility by
// sample count, a per-pair ε from both sides' binomial error, dominance with the earlier-commit tie rule, and
// weight 1.0 on the model that dominates the most. Both realms.
import { allEnvs, blockOf, fmt, JudgeInputError, nameOf } from './text.ts';
import type { EnvReason, ModelScores, Verdict, VerdictStep } from './types.ts';

export interface ParetoOptions {
  /** Share of the largest n a model needs on every env to be eligible (Affine: 0.9). */
  eligibleShare?: number;
  /** Smallest ε (Affine: 0.01). */
  minEpsilon?: number;
  /** z of ε (Affine: 1.645, one-sided 95%). */
  z?: number;
}

/** ε = max(0.01, z·sqrt(a(1 − a)/max(n_a, 1) + b(1 − b)/max(n_b, 1))). */
export function paretoEpsilon(a: number, na: number, b: number, nb: number, z = 1.645, minEpsilon = 0.01): number {
  return Math.max(minEpsilon, z * Math.sqrt((a * (1 - a)) / Math.max(na, 1) + (b * (1 - b)) / Math.max(nb, 1)));
}

interface Dominance {
  dominates: boolean;
  reasons: EnvReason[];
  why: string;
}

export function paretoRule(models: readonly ModelScores[], options: ParetoOptions = {}): Verdict {
  if (models.length === 0) throw new JudgeInputError('The ε-Pareto rule needs at least one model.');
  const envs = allEnvs(models);
  if (envs.length === 0) throw new JudgeInputError('The ε-Pareto rule needs at least one environment with scores.');
  const share = options.eligibleShare ?? 0.9;
  const z = options.z ?? 1.645;
  const minEps = options.minEpsilon ?? 0.01;
  const at = (m: ModelScores, env: string) => m.envs[env] ?? { n: 0, mean: 0 };
  const block = new Map(models.map((m, i) => [m, blockOf(m, i)]));

  // Eligibility: n ≥ int(0.9 × max n) on every env; with nobody eligible, everyone is in the pool.
  const cut = new Map(envs.map((env) => [env, Math.floor(share * Math.max(...models.map((m) => at(m, env).n)))]));
  const eligibility: EnvReason[] = envs.map((env) => {
    const need = cut.get(env)!;
    const ok = models.filter((m) => at(m, env).n >= need);
    return {
      env,
      values: Object.fromEntries(models.map((m) => [m.id, { mean: at(m, env).mean, n: at(m, env).n }])),
      test: `n ≥ int(${share} × max n) = ${need}: ${models.map((m) => `${nameOf(m)} ${at(m, env).n}`).join(', ')}`,
      outcome: `${ok.length} of ${models.length} eligible`,
      passed: ok.length === models.length,
    };
  });
  const eligible = models.filter((m) => envs.every((env) => at(m, env).n >= cut.get(env)!));
  const pool = eligible.length ? eligible : [...models];
  const steps: VerdictStep[] = [
    {
      title: 'Eligibility',
      passed: eligible.length > 0,
      detail: eligible.length
        ? `Pool: ${pool.map(nameOf).join(', ')}.`
        : 'No model has enough samples on every env, so every model is in the pool.',
      envs: eligibility,
    },
  ];

  const dominance = (a: ModelScores, b: ModelScores): Dominance => {
    let notWorse = true;
    let better = false;
    let within = true;
    const reasons = envs.map((env): EnvReason => {
      const [x, y] = [at(a, env), at(b, env)];
      const eps = paretoEpsilon(x.mean, x.n, y.mean, y.n, z, minEps);
      const ge = x.mean >= y.mean - eps;
      const up = x.mean >= y.mean + eps;
      const tie = Math.abs(x.mean - y.mean) <= eps;
      notWorse &&= ge;
      better ||= up;
      within &&= tie;
      return {
        env,
        values: { [a.id]: { mean: x.mean, n: x.n }, [b.id]: { mean: y.mean, n: y.n, threshold: eps } },
        test: `|${fmt(x.mean)} − ${fmt(y.mean)}| = ${fmt(Math.abs(x.mean - y.mean))} vs ε ${fmt(eps)}`,
        outcome: up ? 'better' : !ge ? 'worse' : 'within ε',
        passed: ge,
      };
    });
    const earlier = block.get(a)! < block.get(b)!;
    const dominates = (notWorse && better) || (within && earlier);
    const why =
      notWorse && better
        ? 'not worse anywhere and better by ε somewhere'
        : within && earlier
          ? 'within ε everywhere and committed earlier'
          : !notWorse
            ? 'worse by more than ε somewhere'
            : within
              ? 'within ε everywhere but not earlier'
              : 'not better by ε anywhere';
    return { dominates, reasons, why };
  };

  const count = new Map(pool.map((m) => [m, 0]));
  for (const a of pool)
    for (const b of pool) {
      if (a === b) continue;
      const d = dominance(a, b);
      if (d.dominates) count.set(a, count.get(a)! + 1);
      steps.push({
        title: `${nameOf(a)} vs ${nameOf(b)}`,
        passed: d.dominates,
        detail: `${nameOf(a)} ${d.dominates ? 'dominates' : 'does not dominate'} ${nameOf(b)}: ${d.why}.`,
        envs: d.reasons,
      });
    }

  // Most dominated, then the earliest block; a model's place in the pool breaks what is left.
  const winner = [...pool].sort((x, y) => count.get(y)! - count.get(x)! || block.get(x)! - block.get(y)!)[0]!;
  steps.push({
    title: 'Winner',
    passed: true,
    detail:
      `Dominated counts: ${pool.map((m) => `${nameOf(m)} ${count.get(m)} (block ${block.get(m)})`).join(', ')}. ` +
      `${nameOf(winner)} has the most (ties go to the earlier block) and takes weight 1.0.`,
  });
  return {
    rule: 'pareto',
    winner: winner.id,
    summary: `${nameOf(winner)} wins: it dominates ${count.get(winner)} of the other ${pool.length - 1} pool member(s).`,
    steps,
    weights: Object.fromEntries(models.map((m) => [m.id, m === winner ? 1 : 0])),
  };
}
