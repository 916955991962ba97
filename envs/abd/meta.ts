// Identity of the ABD environment (Affine's "find the stdin that produces this output"). Both realms: constants only.

/** Static description of the environment, spread into the `Environment` object in index.ts. */
export const ABD_META = {
  id: 'abd',
  name: 'affine:abd-v2',
  label: 'ABD (find the input for a program output)',
  version: '1.0.0',
  upstream: 'AffineFoundation/affinetes environments/affine/abd.py @ 345b7bcf',
} as const;

/** `PROMPT_TEMPLATE` of abd.py, verbatim (note the two spaces after "expects"); `{program}`, `{output}` substituted. */
export const ABD_PROMPT_TEMPLATE =
  'You are a programming expert. Given a Python program and its expected output, you need to determine the exact input that would produce this output.\n\nProgram:\n```python\n{program}\n```\n\nExpected Output:\n```\n{output}\n```\n\nTask: Analyze the program to understand what input format it expects from stdin, then provide the input data that would produce the expected output.\n\nYou can provide any explanations, analysis, or reasoning you want. However, you MUST include the input data within <INPUT> </INPUT> tags.\n\nFormat the input data like this:\n<INPUT>\n[input data here - each line on a separate line as the program expects]\n</INPUT>\n\nI will extract only the content between these tags.\n\nRequirements for the input data within the tags:\n1. Each line of input should be on a separate line\n2. Use the exact format the program expects  \n3. Provide the raw input values that should be fed to stdin\n4. Do not include any prefixes or extra formatting within the INPUT tags\n\nPlease analyze the program and provide the required input:';
