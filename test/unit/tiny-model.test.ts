// The generated tiny decoder in public/models/arbiter/tiny-llama: the committed files match the generator, and
// transformers.js v4 (Node, onnxruntime-node CPU) loads it, generates deterministically, keeps its KV cache
// consistent and treats left padding correctly. Node realm.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AutoModelForCausalLM,
  AutoTokenizer,
  env,
  Tensor,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sat } from '../../envs/sat/index.ts';
import { buildTinyModelFiles, writeTinyModel } from '../../scripts/tiny-model/index.ts';

const MODELS = fileURLToPath(new URL('../../public/models/', import.meta.url));
const MODEL_ID = 'arbiter/tiny-llama';
const MODEL_DIR = join(MODELS, MODEL_ID);
const NEW_TOKENS = 32;

type Inputs = { input_ids: Tensor; attention_mask: Tensor };

describe('tiny-llama files', () => {
  it('are byte-identical to a fresh run of scripts/make-tiny-model.ts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tiny-llama-'));
    try {
      const paths = await writeTinyModel(dir);
      expect(paths.sort()).toEqual([...buildTinyModelFiles().keys()].sort());
      for (const path of paths) {
        const fresh = await readFile(join(dir, path));
        const committed = await readFile(join(MODEL_DIR, path)).catch(() => null);
        expect(committed, `${path} is missing: run npx tsx scripts/make-tiny-model.ts`).not.toBeNull();
        expect(fresh.equals(committed!), `${path} differs: run npx tsx scripts/make-tiny-model.ts`).toBe(true);
      }
      const total = (await Promise.all(paths.map((p) => readFile(join(dir, p))))).reduce((n, b) => n + b.length, 0);
      expect(total).toBeLessThan(200_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('tiny-llama in transformers.js (Node CPU)', () => {
  let tokenizer: PreTrainedTokenizer;
  let model: PreTrainedModel;
  let satPrompt: string;

  const chat = (content: string) =>
    tokenizer.apply_chat_template([{ role: 'user', content }], {
      tokenize: false,
      add_generation_prompt: true,
    }) as string;
  // The chat template already emits <s>; the post-processor must not add a second one.
  const encode = (texts: string[]) => tokenizer(texts, { padding: true, add_special_tokens: false }) as Inputs;
  const rows = (t: Tensor) => (t.tolist() as bigint[][]).map((r) => r.map(Number));
  const greedy = async (inputs: Inputs, maxNewTokens = NEW_TOKENS) =>
    rows((await model.generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false })) as Tensor);

  beforeAll(async () => {
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = MODELS;
    tokenizer = await AutoTokenizer.from_pretrained(MODEL_ID);
    model = await AutoModelForCausalLM.from_pretrained(MODEL_ID, { device: 'cpu', dtype: 'fp32' });
    satPrompt = (await sat.task(0n)).prompt;
  });

  afterAll(async () => {
    await model?.dispose();
  });

  it('tokenizes a SAT prompt with under 5% <unk>', () => {
    // A plain encode: the TemplateProcessing post-processor prepends <s>.
    const ids = rows((tokenizer(satPrompt) as Inputs).input_ids)[0];
    expect(tokenizer.unk_token_id).toBe(0);
    expect(ids.filter((id) => id === tokenizer.unk_token_id).length / ids.length).toBeLessThan(0.05);
    expect(ids[0]).toBe(tokenizer.bos_token_id);
  });

  it('greedy-generates the same assignment-shaped tokens twice, and the full forward pass agrees', async () => {
    const inputs = encode([chat(satPrompt)]);
    const promptLen = inputs.input_ids.dims[1];
    const first = await greedy(inputs);
    const second = await greedy(inputs);
    expect(second).toEqual(first);
    const generated = first[0].slice(promptLen);
    expect(generated).toHaveLength(NEW_TOKENS);

    // The decoder re-joins whole words with single spaces; the LM-head bias makes the words look like an answer.
    const text = tokenizer.decode(generated, { skip_special_tokens: true });
    const vocab = new Map([...tokenizer.get_vocab()].map(([word, id]) => [id, word]));
    const words = generated.filter((id) => !tokenizer.all_special_ids.includes(id));
    expect(text).toBe(words.map((id) => vocab.get(id)).join(' '));
    expect(text).toMatch(/^x\d+=(True|False),? /);

    // KV-cache consistency (browser.md §5.6): one uncached pass over prompt + continuation must predict, at every
    // position, the token the cached decode loop picked there.
    const all = first[0];
    const input_ids = new Tensor('int64', BigInt64Array.from(all.map(BigInt)), [1, all.length]);
    const attention_mask = new Tensor('int64', new BigInt64Array(all.length).fill(1n), [1, all.length]);
    const { logits } = (await model({ input_ids, attention_mask })) as { logits: Tensor };
    const V = logits.dims[2];
    const data = logits.data as Float32Array;
    const argmax = (row: number) => {
      let best = 0;
      for (let j = 1; j < V; j++) if (data[row * V + j] > data[row * V + best]) best = j;
      return best;
    };
    expect(generated.map((_, i) => argmax(promptLen - 1 + i))).toEqual(generated);
  });

  it('gives each row of a left-padded batch the tokens it gets alone', async () => {
    const words = satPrompt.split(' ');
    const prompts = [
      chat((await sat.task(1n)).prompt),
      chat('Hello what is the answer ?'),
      chat(words.slice(0, 400).join(' ')),
    ];
    tokenizer.padding_side = 'left';
    const batch = encode(prompts);
    const width = batch.input_ids.dims[1];
    const lengths = rows(batch.attention_mask).map((m) => m.reduce((a, b) => a + b, 0));
    expect(new Set(lengths).size).toBe(3);
    const batched = (await greedy(batch, 16)).map((r) => r.slice(width));

    const pad = tokenizer.pad_token_id;
    for (const [i, prompt] of prompts.entries()) {
      const single = encode([prompt]);
      expect(single.input_ids.dims[1]).toBe(lengths[i]);
      const alone = (await greedy(single, 16))[0].slice(lengths[i]);
      // A row that stops early is padded up to the longest row.
      expect(batched[i].slice(0, alone.length)).toEqual(alone);
      expect(batched[i].slice(alone.length).every((id) => id === pad)).toBe(true);
    }
  });
});
