// Shape and fixed numbers of the tiny test decoder, shared by the graph, weight and file builders. Node realm (build
// script); everything here ends up in config.json, so changing a value changes the committed model.

/** Architecture of the tiny Llama-style decoder. Small enough to keep onnx/model.onnx near 150 KB. */
export const SPEC = Object.freeze({
  hidden: 32,
  intermediate: 64,
  layers: 2,
  heads: 4,
  kvHeads: 2,
  headDim: 8,
  rmsEps: 1e-5,
  ropeTheta: 10000,
  // RoPE has no position table, so this is only advertised; prompts of ~1,500 tokens must fit comfortably.
  maxPositions: 4096,
  // Weights come from mulberry32 streams seeded with this value and the tensor's name.
  seed: 0x7e57_11a3,
});

/**
 * RoPE inverse frequencies `ropeTheta ** (-2i / headDim)` for i = 0..3, written out rather than computed with
 * `Math.pow`, whose last bit is not guaranteed to be the same on every JS engine and would break byte-identity.
 */
export const INV_FREQ = [1, 0.1, 0.01, 0.001] as const;

/** Special tokens and their fixed ids (the first rows of the vocabulary). */
export const SPECIAL = Object.freeze({
  unk: '<unk>',
  bos: '<s>',
  eos: '</s>',
  pad: '<pad>',
  imStart: '<|im_start|>',
  imEnd: '<|im_end|>',
});
export const SPECIAL_TOKENS: readonly string[] = Object.values(SPECIAL);
export const UNK_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;
export const PAD_ID = 3;
export const IM_END_ID = 5;
