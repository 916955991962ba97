// The ONNX graph of the tiny decoder, following the transformers.js v4 decoder contract (docs/browser.md §6):
// Llama blocks with RMSNorm, RoPE, grouped-query attention over a KV cache and a SiLU MLP. Node realm (build script).

import { BOOL, FLOAT, GraphBuilder, INT64 } from './onnx';
import { INV_FREQ, SPEC } from './spec';
import type { Weights } from './weights';

// Symbolic dims. transformers.js sizes the empty first-step cache from graph metadata: `batch_size` becomes the
// batch and every other symbolic dim becomes 0, so these names are part of the contract.
const B = 'batch_size';
const S = 'sequence_length';
const T = 'total_sequence_length';
const PAST = 'past_sequence_length';

/** Masked scores get a large finite value, not -inf: a fully masked row (a left-pad query) must stay finite, or its
 * NaNs would reach later layers through the pad positions' keys and values. */
const MASKED = -1e9;

export function buildGraph(w: Weights, vocabSize: number): Uint8Array {
  const { hidden: H, heads, kvHeads, headDim: D, rmsEps, layers } = SPEC;
  const g = new GraphBuilder();

  const inputIds = g.input('input_ids', INT64, [B, S]);
  const attentionMask = g.input('attention_mask', INT64, [B, T]);
  const positionIds = g.input('position_ids', INT64, [B, S]);
  const past = Array.from({ length: layers }, (_, i) => ({
    key: g.input(`past_key_values.${i}.key`, FLOAT, [B, kvHeads, PAST, D]),
    value: g.input(`past_key_values.${i}.value`, FLOAT, [B, kvHeads, PAST, D]),
  }));

  const c = {
    zero: g.ints('const.zero', [0], true),
    one: g.ints('const.one', [1], true),
    axis0: g.ints('const.axes0', [0]),
    axis1: g.ints('const.axes1', [1]),
    axis2: g.ints('const.axes2', [2]),
    axes12: g.ints('const.axes12', [1, 2]),
    eps: g.init('const.rms_eps', [], [rmsEps]),
    scale: g.init('const.attn_scale', [], [1 / Math.sqrt(D)]),
    masked: g.init('const.masked', [], [MASKED]),
    halves: g.ints('const.rope_halves', [D / 2, D / 2]),
    qShape: g.ints('const.q_shape', [0, 0, heads, D]),
    kvShape: g.ints('const.kv_shape', [0, 0, kvHeads, D]),
    groups: g.ints('const.gqa_expand', [1, 1, heads / kvHeads, 1, 1]),
    headsShape: g.ints('const.heads_shape', [0, heads, -1, D]),
    hiddenShape: g.ints('const.hidden_shape', [0, 0, H]),
  };

  // Attention mask [B, 1, S, T]: key j is visible to query i (absolute position past + i) when j <= past + i and
  // attention_mask[b, j] is 1. The padding half is what makes left-padded rows match unpadded runs.
  const total = g.op('Shape', [attentionMask], { start: 1, end: 2 });
  const seq = g.op('Shape', [inputIds], { start: 1, end: 2 });
  const totalScalar = g.op('Squeeze', [total, c.axis0]);
  const pastScalar = g.op('Squeeze', [g.op('Sub', [total, seq]), c.axis0]);
  const keyPos = g.op('Unsqueeze', [g.op('Range', [c.zero, totalScalar, c.one]), c.axis0]);
  const queryPos = g.op('Unsqueeze', [g.op('Range', [pastScalar, totalScalar, c.one]), c.axis1]);
  const causal = g.op('LessOrEqual', [keyPos, queryPos]);
  const padding = g.op('Unsqueeze', [g.op('Cast', [attentionMask], { to: BOOL }), c.axes12]);
  const mask = g.op('And', [causal, padding], {}, 'attn_mask');

  // RoPE tables [B, 1, S, D] from position_ids (Llama's rotate-half layout: the frequencies repeat across halves).
  const pos = g.op('Unsqueeze', [g.op('Cast', [positionIds], { to: FLOAT }), c.axis2]);
  const freqs = g.op('Mul', [pos, g.init('rope.inv_freq', [D / 2], INV_FREQ)]);
  const angles = g.op('Concat', [freqs, freqs], { axis: -1 });
  const cos = g.op('Unsqueeze', [g.op('Cos', [angles]), c.axis1], {}, 'rope.cos');
  const sin = g.op('Unsqueeze', [g.op('Sin', [angles]), c.axis1], {}, 'rope.sin');
  const rope = (x: string) => {
    const [lo, hi] = g.opN('Split', [x, c.halves], 2, { axis: -1 });
    const rotated = g.op('Concat', [g.op('Neg', [hi]), lo], { axis: -1 });
    return g.op('Add', [g.op('Mul', [x, cos]), g.op('Mul', [rotated, sin])]);
  };

  const rmsNorm = (x: string, weight: string) => {
    const meanSquare = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes: [-1], keepdims: 1 });
    const rms = g.op('Sqrt', [g.op('Add', [meanSquare, c.eps])]);
    return g.op('Mul', [g.op('Div', [x, rms]), weight]);
  };
  const linear = (x: string, name: string, data: Float32Array, rows: number, cols: number) =>
    g.op('MatMul', [x, g.init(name, [rows, cols], data)]);
  /** [B, S, n*D] -> [B, n, S, D] */
  const splitHeads = (x: string, shape: string) =>
    g.op('Transpose', [g.op('Reshape', [x, shape])], { perm: [0, 2, 1, 3] });
  /** [B, kvHeads, T, D] -> [B, heads, T, D]: head h reads kv head floor(h / groups), as HF's repeat_kv. */
  const repeatKv = (x: string) =>
    g.op('Reshape', [g.op('Expand', [g.op('Unsqueeze', [x, c.axis2]), c.groups]), c.headsShape]);

  const presents: string[] = [];
  let h = g.op('Gather', [g.init('embed_tokens', [vocabSize, H], w.embed), inputIds], { axis: 0 });

  w.layers.forEach((lw, i) => {
    const p = `layers.${i}.`;
    const x = rmsNorm(h, g.init(p + 'input_layernorm', [H], lw.inputNorm));
    const q = rope(splitHeads(linear(x, p + 'q_proj', lw.q, H, heads * D), c.qShape));
    const k = rope(splitHeads(linear(x, p + 'k_proj', lw.k, H, kvHeads * D), c.kvShape));
    const v = splitHeads(linear(x, p + 'v_proj', lw.v, H, kvHeads * D), c.kvShape);
    const presentKey = g.op('Concat', [past[i].key, k], { axis: 2 }, `present.${i}.key`);
    const presentValue = g.op('Concat', [past[i].value, v], { axis: 2 }, `present.${i}.value`);
    presents.push(presentKey, presentValue);

    const keysT = g.op('Transpose', [repeatKv(presentKey)], { perm: [0, 1, 3, 2] });
    const scores = g.op('MatMul', [g.op('Mul', [q, c.scale]), keysT]);
    const probs = g.op('Softmax', [g.op('Where', [mask, scores, c.masked])], { axis: -1 });
    const context = g.op('MatMul', [probs, repeatKv(presentValue)]);
    const merged = g.op('Reshape', [g.op('Transpose', [context], { perm: [0, 2, 1, 3] }), c.hiddenShape]);
    h = g.op('Add', [h, linear(merged, p + 'o_proj', lw.o, heads * D, H)]);

    const y = rmsNorm(h, g.init(p + 'post_attention_layernorm', [H], lw.postNorm));
    const gate = linear(y, p + 'gate_proj', lw.gate, H, SPEC.intermediate);
    const silu = g.op('Mul', [gate, g.op('Sigmoid', [gate])]);
    const up = linear(y, p + 'up_proj', lw.up, H, SPEC.intermediate);
    h = g.op('Add', [h, linear(g.op('Mul', [silu, up]), p + 'down_proj', lw.down, SPEC.intermediate, H)]);
  });

  const final = rmsNorm(h, g.init('norm', [H], w.finalNorm));
  const logits = g.op(
    'Add',
    [linear(final, 'lm_head', w.lmHead, H, vocabSize), g.init('lm_head.bias', [vocabSize], w.lmBias)],
    {},
    'logits',
  );
  // Outputs in the order optimum exports them: logits, then present.{i}.key/value.
  g.output(logits, FLOAT, [B, S, vocabSize]);
  for (const name of presents) g.output(name, FLOAT, [B, kvHeads, T, D]);
  return g.encode('tiny-llama', 'arbiter scripts/make-tiny-model.ts');
}
