// The Compare page's one doorway to the Judge rules: which options each rule shows (label, default, range) and
// the call that turns the ordered models and those options into a `Verdict`. UI realm, no DOM.
import { RULE_TITLES, runRule } from '../../shared/judge/index.ts';
import type { ModelScores, RuleName, Verdict } from '../../shared/judge/types.ts';

export interface OptionSpec {
  key: string;
  label: string;
  def: number;
  min: number;
  max?: number;
  step: number;
  hint: string;
}

/** The rule picker's labels: the Judge's own one-line titles, as `arbiter compare --help` shows them. */
export const RULE_LABELS = RULE_TITLES;

/** The main options of each rule, with Affine's defaults except where local runs need smaller counts. */
export const RULE_OPTIONS: Record<RuleName, OptionSpec[]> = {
  champion: [
    {
      key: 'samplingCount',
      label: 'Sampling count',
      def: 100,
      min: 1,
      step: 1,
      hint: 'Overlapping tasks an env needs before it counts (Affine: 100 to 300).',
    },
    {
      key: 'margin',
      label: 'Margin',
      def: 0.03,
      min: 0,
      max: 1,
      step: 0.01,
      hint: 'Dominant: challenger > champion + margin.',
    },
    {
      key: 'tolerance',
      label: 'Not-worse tolerance',
      def: 0.02,
      min: 0,
      max: 1,
      step: 0.01,
      hint: 'Not worse: challenger ≥ champion × (1 − tolerance).',
    },
    { key: 'minDominantEnvs', label: 'Dominant envs to win', def: 1, min: 0, step: 1, hint: 'Affine: 1.' },
  ],
  stages: [
    {
      key: 'z',
      label: 'z',
      def: 1.5,
      min: 0,
      step: 0.1,
      hint: 'Threshold gap z·sqrt(p(1 − p)/n), clamped to [0.02, 0.10].',
    },
    {
      key: 'minCompleteness',
      label: 'Min completeness',
      def: 0.9,
      min: 0,
      max: 1,
      step: 0.05,
      hint: 'Share of the env’s tasks a model needs for the env to count.',
    },
    {
      key: 'maxLayers',
      label: 'Subset layers',
      def: 1,
      min: 1,
      step: 1,
      hint: '1 = only the full env set (Affine since March 2026).',
    },
    {
      key: 'epsilon',
      label: 'Geometric-mean ε',
      def: 0.1,
      min: 0,
      step: 0.01,
      hint: 'Smoothing of the geometric mean.',
    },
  ],
  pareto: [
    { key: 'z', label: 'z', def: 1.645, min: 0, step: 0.005, hint: 'ε = max(min ε, z·SE of the difference).' },
    { key: 'minEpsilon', label: 'Min ε', def: 0.01, min: 0, step: 0.005, hint: 'Smallest ε (Affine: 0.01).' },
    {
      key: 'eligibleShare',
      label: 'Eligible share of max n',
      def: 0.9,
      min: 0,
      max: 1,
      step: 0.05,
      hint: 'A model needs n ≥ share × the largest n on every env.',
    },
  ],
};

export const defaultOptions = (rule: RuleName): Record<string, number> =>
  Object.fromEntries(RULE_OPTIONS[rule].map((o) => [o.key, o.def]));

/**
 * The verdict of `rule` on the models in list order. The list order is the commitment order: each model's
 * `firstBlock` is set to its position, so a reordered list is what the rule sees (Affine's blocks stay in the
 * export, not here).
 */
export function judge(rule: RuleName, models: readonly ModelScores[], options: Record<string, number>): Verdict {
  const ordered = models.map((m, i) => ({ ...m, firstBlock: i }));
  return runRule(rule, ordered, { [rule]: options });
}
