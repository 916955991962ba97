// Vocabulary of the tiny test tokenizer: whole whitespace-separated words chosen so Affine SAT prompts and
// assignment-style answers tokenize without <unk>. Node realm (build script).

import { SPECIAL_TOKENS } from './spec';

/** Variables in an Affine SAT instance (envs/sat/meta.ts: n = 15). */
const N_VARS = 15;

/** The SAT prompt template (envs/sat/task.ts), split on whitespace as the WhitespaceSplit pre-tokenizer will. */
const SAT_TEMPLATE =
  'Find a satisfying assignment for the following 10-SAT formula over variables x1..x15: ' +
  'Provide your answer as comma-separated assignments like `x1=True, x2=False, ...`, ' +
  'or respond `UNSAT` if it has no solution.';

/** Common words so that chat-style text and short answers are not all <unk>. */
const ENGLISH =
  'the a an and or not is are was be it this that to of in on at by with from as for if then else so ' +
  'I you we my your me us Here here is: The This It We Let let me think step by step. First, first Then ' +
  'Answer: answer: Solution: solution Assignment: assignment: Therefore, therefore Final final answer ' +
  'true false yes no Yes No all each every clause clauses variable variable, literal literals formula ' +
  'satisfied satisfiable unsatisfiable check checking set setting try need must can will does do ' +
  'because since which one two three value values is. are. it. Hello hello What what How how ' +
  'Sure, sure Okay, OK ok, Thanks thanks please Please a. b. c.';

/** Digits, punctuation and small numbers that appear on their own in answers. */
const SYMBOLS = '0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 . , : ; = ( ) [ ] - ... ` ? ! " \' <think> </think>';

/** Every vocabulary entry, in id order: specials first, then SAT words, answer words, English and symbols. */
export function buildVocab(): string[] {
  const words: string[] = [...SPECIAL_TOKENS, 'system', 'user', 'assistant', '\u2228', '\u2227'];
  for (let v = 1; v <= N_VARS; v++) {
    const x = `x${v}`;
    const nx = `\u00ac${x}`;
    words.push(x, nx, `(${x}`, `(${nx}`, `${x})`, `${nx})`);
  }
  for (let v = 1; v <= N_VARS; v++) {
    for (const b of ['True', 'False']) words.push(`x${v}=${b},`, `x${v}=${b}`);
  }
  words.push('True', 'False', 'True,', 'False,', 'UNSAT', 'UNSAT.', 'SAT', 'True.', 'False.');
  words.push(...SAT_TEMPLATE.split(/\s+/), ...ENGLISH.split(/\s+/), ...SYMBOLS.split(/\s+/));
  // Keep the first occurrence: ids must be dense and stable, and several lists share words.
  return [...new Set(words)];
}

/** Tokens the LM head is nudged toward, with the logit bias each gets (see weights.ts). */
export function answerBias(vocab: readonly string[]): Map<number, number> {
  const bias = new Map<number, number>();
  vocab.forEach((w, id) => {
    if (/^x\d+=(True|False),$/.test(w)) bias.set(id, 2.5);
    else if (/^x\d+=(True|False)$/.test(w)) bias.set(id, 1.5);
    else if (w === 'True' || w === 'False' || w === 'UNSAT') bias.set(id, 0.5);
  });
  return bias;
}
