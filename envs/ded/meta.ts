// Identity of the DED environment (Affine's "write a stdin/stdout program"). Both realms: constants only.

/** Static description of the environment, spread into the `Environment` object in index.ts. */
export const DED_META = {
  id: 'ded',
  name: 'affine:ded-v2',
  label: 'DED (write a program that passes the tests)',
  version: '1.0.0',
  upstream: 'AffineFoundation/affinetes environments/affine/ded.py @ 345b7bcf',
} as const;

/** `extra_hint` of ded.py, verbatim: appended to `row.prompt.rstrip()`; U+26A0 U+FE0F, U+2022 bullets, U+2026. */
export const DED_PROMPT_SUFFIX =
  '\n\n---\n⚠️ **Instructions** ⚠️\nWrite a complete **Python 3** program that\n• reads *all* input from **STDIN** (using `input()` / `sys.stdin`),\n• writes *only* the required answer(s) to **STDOUT** using `print`,\n• contains no additional prompts or debug text, and\n• is returned as a single ```python … ``` fenced block.\n';
