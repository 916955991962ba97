// The Judge's one entry point: `runRule` runs a named scoring rule on models and returns its verdict; the Compare
// page and `arbiter compare` call nothing else to decide. Both realms.
import { championRule, type ChampionOptions } from './champion.ts';
import { paretoRule, type ParetoOptions } from './pareto.ts';
import { stagesRule, type StagesOptions } from './stages.ts';
import type { ModelScores, RuleName, Verdict } from './types.ts';

export type { ChampionOptions } from './champion.ts';
export type { ParetoOptions } from './pareto.ts';
export type { StagesOptions } from './stages.ts';
export { JudgeInputError } from './text.ts';

/** Options per rule; each rule reads only its own (they share names like `z` with different meanings). */
export interface RuleOptions {
  champion?: ChampionOptions;
  stages?: StagesOptions;
  pareto?: ParetoOptions;
}

export const RULES: readonly RuleName[] = ['champion', 'stages', 'pareto'];

/** What each rule is, in a line, for help texts and the rule picker. */
export const RULE_TITLES: Readonly<Record<RuleName, string>> = {
  champion: 'Champion vs challenger on overlapping tasks (era G, current)',
  stages: 'Four-stage Pareto scorer with weights (era D)',
  pareto: 'ε-Pareto dominance, single winner (era A)',
};

/**
 * Runs `rule` on `models`. Order matters: for 'champion' the first model is the champion and the others challenge
 * it in commitment order; the other rules order models by (firstBlock, uid), falling back to input order.
 * @throws JudgeInputError when the rule cannot run (e.g. fewer than two models for 'champion', no envs).
 */
export function runRule(rule: RuleName, models: readonly ModelScores[], options: RuleOptions = {}): Verdict {
  switch (rule) {
    case 'champion':
      return championRule(models, options.champion);
    case 'stages':
      return stagesRule(models, options.stages);
    case 'pareto':
      return paretoRule(models, options.pareto);
  }
}
