// The chosen Judge rule and each rule's options, as the Compare page and the Validator's stored-runs source both
// keep them: options are remembered per rule, so switching rules and back keeps what the user typed. UI realm.
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { defaultOptions, RULE_OPTIONS, type OptionSpec } from './judge.ts';
import type { RuleName } from '../../shared/judge/types.ts';

export function createRuleOptions<R extends RuleName>(rules: readonly R[], initial: R) {
  const [rule, setRule] = createSignal<R>(initial);
  const [options, setOptions] = createStore(
    Object.fromEntries(rules.map((r) => [r, defaultOptions(r)])) as Record<R, Record<string, number>>,
  );
  return {
    rule,
    setRule,
    options,
    optionSpecs: (): OptionSpec[] => RULE_OPTIONS[rule()],
    setOption: (key: string, v: number) => {
      if (Number.isFinite(v)) (setOptions as unknown as (r: R, k: string, v: number) => void)(rule(), key, v);
    },
  };
}
