// Batched greedy generation: chat template, left padding, streamed text per row, KV cache freed. Worker realm.
import { BaseStreamer, type Tensor } from '@huggingface/transformers';
import type { GenerateOptions, GenerateResult } from '../../src/shared/api/llm.ts';
import type { Loaded } from './load.ts';

/** Streams decoded text per row, at most every STREAM_MS, so the UI sees tokens without a message per token. */
const STREAM_MS = 100;

class RowStreamer extends BaseStreamer {
  private first = true;
  private last = 0;
  readonly rows: bigint[][];
  prefillMs = 0;

  constructor(
    rows: number,
    private readonly t0: number,
    private readonly emit: ((rows: bigint[][]) => void) | null,
  ) {
    super();
    this.rows = Array.from({ length: rows }, () => []);
  }

  override put(value: bigint[][]): void {
    // generate() first pushes the prompt; every later call carries one new token per row.
    if (this.first) {
      this.first = false;
      return;
    }
    if (this.prefillMs === 0) this.prefillMs = performance.now() - this.t0;
    value.forEach((ids, i) => this.rows[i]?.push(...ids));
    const now = performance.now();
    if (this.emit && now - this.last >= STREAM_MS) {
      this.last = now;
      this.emit(this.rows);
    }
  }

  override end(): void {
    this.emit?.(this.rows);
  }
}

/** The text the model sees: the chat template when the tokenizer has one, the bare prompt otherwise. */
export function renderPrompt({ tokenizer, info }: Loaded, prompt: string): string {
  if (!info.hasChatTemplate) return prompt;
  return tokenizer.apply_chat_template([{ role: 'user', content: prompt }], {
    tokenize: false,
    add_generation_prompt: true,
  }) as string;
}

export async function generateBatch(
  loaded: Loaded,
  prompts: string[],
  opts: GenerateOptions,
  onText?: (row: number, text: string) => void,
): Promise<GenerateResult> {
  const { model, tokenizer, info } = loaded;
  const t0 = performance.now();
  // Batches need left padding so every row's last prompt token sits at the same position (browser.md §5.6).
  tokenizer.padding_side = 'left';
  const inputs = tokenizer(
    prompts.map((p) => renderPrompt(loaded, p)),
    // The chat template already holds the special tokens.
    { padding: true, add_special_tokens: !info.hasChatTemplate },
  ) as { input_ids: Tensor; attention_mask: Tensor };
  const [, promptLen] = inputs.input_ids.dims as [number, number];
  const mask = inputs.attention_mask.tolist() as bigint[][];
  const decode = (ids: bigint[]) => tokenizer.decode(ids, { skip_special_tokens: true });
  const streamer = new RowStreamer(
    prompts.length,
    t0,
    onText ? (rows) => rows.forEach((ids, i) => onText(i, decode(ids))) : null,
  );
  // Without return_dict_in_generate, generate() disposes its KV cache itself (modeling_utils.js).
  const out = (await model.generate({
    ...inputs,
    max_new_tokens: opts.maxNewTokens,
    do_sample: false,
    // The declared type is TextStreamer, but generate() only calls put() and end() (BaseStreamer's contract).
    streamer: streamer as never,
  })) as Tensor;
  const seqs = out.tolist() as bigint[][];
  const eos = new Set(
    ([] as unknown[])
      .concat((model.generation_config as { eos_token_id?: unknown } | null)?.eos_token_id ?? [])
      .map((x) => BigInt(x as number)),
  );
  const pad = BigInt((model.config as { pad_token_id?: number }).pad_token_id ?? -1);
  const tokens = seqs.map((row) => {
    const gen = row.slice(promptLen);
    // Rows that stopped early are padded up to the longest: cut at the first end-of-sequence (or pad) token.
    const stop = gen.findIndex((t) => eos.has(t) || t === pad);
    return (stop === -1 ? gen : gen.slice(0, stop)).map(Number);
  });
  out.dispose();
  return {
    texts: tokens.map((t) => decode(t.map(BigInt))),
    tokens,
    promptTokens: mask.map((m) => m.reduce((a, b) => a + Number(b), 0)),
    prefillMs: streamer.prefillMs,
    totalMs: performance.now() - t0,
  };
}
