// Deterministic random weights for the tiny decoder: one mulberry32 stream per tensor, seeded from the model seed and
// the tensor's name, so adding a tensor never shifts the others. Node realm (build script).

import { answerBias } from './vocab';
import { SPEC, SPECIAL } from './spec';

/** Weights of one decoder layer; matrices are row-major `[in, out]`, as `MatMul(x, W)` wants them. */
export interface LayerWeights {
  inputNorm: Float32Array;
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  o: Float32Array;
  postNorm: Float32Array;
  gate: Float32Array;
  up: Float32Array;
  down: Float32Array;
}

export interface Weights {
  embed: Float32Array;
  layers: LayerWeights[];
  finalNorm: Float32Array;
  lmHead: Float32Array;
  lmBias: Float32Array;
}

/** 32-bit FNV-1a over UTF-16 code units: turns a tensor name into a seed. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** mulberry32: a tiny PRNG using only 32-bit integer ops, so every engine yields the same stream. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Uniform values with mean `mean` and standard deviation `std`. Uniform rather than Gaussian on purpose: Box-Muller
 * needs `log`/`cos`, whose results may differ in the last bit between engines; `sqrt` is exactly rounded.
 */
function uniform(name: string, size: number, std: number, mean = 0): Float32Array {
  const next = mulberry32(fnv1a(`${SPEC.seed}:${name}`));
  const half = std * Math.sqrt(3);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = mean + (2 * next() - 1) * half;
  return out;
}

/** `[rows, cols]` matrix with std 1/sqrt(rows), so each projection keeps activations near unit scale. */
const matrix = (name: string, rows: number, cols: number) => uniform(name, rows * cols, 1 / Math.sqrt(rows));
/** RMSNorm gains near 1, jittered so the norm weights are not a no-op that a broken graph could hide behind. */
const gain = (name: string, size: number) => uniform(name, size, 0.05, 1);

/**
 * The LM-head bias: random weights alone give word salad, so answer-shaped tokens (`x3=True,`) get a push, the
 * special tokens a model should never emit get pushed away, and end-of-turn gets a mild penalty so greedy
 * generation usually runs to its token limit. It shapes the output's form only; it knows nothing about any formula.
 */
function lmBias(vocab: readonly string[]): Float32Array {
  const bias = new Float32Array(vocab.length);
  for (const [id, b] of answerBias(vocab)) bias[id] = b;
  for (const t of [SPECIAL.unk, SPECIAL.bos, SPECIAL.pad, SPECIAL.imStart]) bias[vocab.indexOf(t)] = -8;
  for (const t of [SPECIAL.eos, SPECIAL.imEnd]) bias[vocab.indexOf(t)] = -1;
  return bias;
}

export function makeWeights(vocab: readonly string[]): Weights {
  const { hidden: H, intermediate: I, heads, kvHeads, headDim } = SPEC;
  const layers = Array.from({ length: SPEC.layers }, (_, i): LayerWeights => {
    const p = `layers.${i}.`;
    return {
      inputNorm: gain(p + 'input_layernorm', H),
      q: matrix(p + 'self_attn.q_proj', H, heads * headDim),
      k: matrix(p + 'self_attn.k_proj', H, kvHeads * headDim),
      v: matrix(p + 'self_attn.v_proj', H, kvHeads * headDim),
      o: matrix(p + 'self_attn.o_proj', heads * headDim, H),
      postNorm: gain(p + 'post_attention_layernorm', H),
      gate: matrix(p + 'mlp.gate_proj', H, I),
      up: matrix(p + 'mlp.up_proj', H, I),
      down: matrix(p + 'mlp.down_proj', I, H),
    };
  });
  return {
    embed: uniform('embed_tokens', vocab.length * H, 1),
    layers,
    finalNorm: gain('norm', H),
    lmHead: matrix('lm_head', H, vocab.length),
    lmBias: lmBias(vocab),
  };
}
