// tokenizer.json and tokenizer_config.json for the tiny test model: a WordLevel vocabulary over whitespace-split
// words, `<s>` prepended by the post-processor, and a ChatML chat template. Node realm (build script).

import { BOS_ID, SPECIAL, SPECIAL_TOKENS } from './spec';

/**
 * ChatML with a leading BOS. `apply_chat_template` tokenizes with `add_special_tokens: false`, so the template itself
 * must emit `bos_token`; the markers are added tokens, so they split off even without surrounding spaces.
 */
export const CHAT_TEMPLATE =
  '{{ bos_token }}{% for message in messages %}' +
  "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const addedToken = (content: string, id: number) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

export function tokenizerJson(vocab: readonly string[]): object {
  SPECIAL_TOKENS.forEach((t, id) => {
    if (vocab[id] !== t) throw new Error(`special token ${t} must have id ${id}`);
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map(addedToken),
    normalizer: null,
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: SPECIAL.bos, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: SPECIAL.bos, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: SPECIAL.bos, type_id: 1 } },
        { Sequence: { id: 'B', type_id: 1 } },
      ],
      special_tokens: { [SPECIAL.bos]: { id: SPECIAL.bos, ids: [BOS_ID], tokens: [SPECIAL.bos] } },
    },
    // WordPiece's decoder puts a space before every token but the first (no token starts with its `##` prefix), so
    // decoding re-joins whole words with single spaces; `cleanup: false` keeps `x1=True ,`-style text verbatim.
    decoder: { type: 'WordPiece', prefix: '##', cleanup: false },
    model: {
      type: 'WordLevel',
      vocab: Object.fromEntries(vocab.map((w, id) => [w, id])),
      unk_token: SPECIAL.unk,
    },
  };
}

export function tokenizerConfig(): object {
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    bos_token: SPECIAL.bos,
    eos_token: SPECIAL.eos,
    unk_token: SPECIAL.unk,
    pad_token: SPECIAL.pad,
    additional_special_tokens: [SPECIAL.imStart, SPECIAL.imEnd],
    added_tokens_decoder: Object.fromEntries(
      SPECIAL_TOKENS.map((t, id) => {
        const { id: _id, ...rest } = addedToken(t, id);
        return [String(id), rest];
      }),
    ),
    clean_up_tokenization_spaces: false,
    model_max_length: 4096,
    chat_template: CHAT_TEMPLATE,
  };
}
