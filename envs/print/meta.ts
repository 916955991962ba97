// Identity and limits of the PRINT environment (Affine's "Trace": predict the output of an instrumented program).
// Both realms: constants only.

/** Static description of the environment, spread into the `Environment` object in index.ts. */
export const PRINT_META = {
  id: 'print',
  name: 'print',
  label: 'PRINT (predict the output of an instrumented program)',
  version: '1.0.0',
  upstream: 'AffineFoundation/affinetes environments/trace/trace_task.py @ 345b7bcf',
} as const;

/** `task_name` PRINT reports in its result (not its SDK name). */
export const PRINT_TASK_NAME = 'Trace';

/** `max_injections` of `inject_non_overfittable_prints`. */
export const PRINT_MAX_INJECTIONS = 6;

/** `run_code_sync` timeout for the ground truth: 10 s, after which the truth is "". */
export const PRINT_TRUTH_TIMEOUT_MS = 10_000;

/**
 * Upstream's ground-truth run has no output cap; ours keeps a generous one so a runaway program cannot exhaust the
 * sandbox. A program that passes it cannot be reproduced and the task is refused.
 */
export const PRINT_TRUTH_MAX_BYTES = 16_000_000;

/** The prompt of `TraceTask.generate`, verbatim; `{transformed}` and `{inputs}` substituted. No trailing newline. */
export const PRINT_PROMPT_TEMPLATE =
  "Predict the exact and complete standard output (stdout) of the following Python program, including every single print statement.\n\nThe program contains several injected debug print statements starting with '__DBG_'. You must include these in your prediction exactly as they would appear in the output, along with any other output the program produces.\n\nProgram:\n```python\n{transformed}\n```\n\nInput (stdin):\n```\n{inputs}\n```\n\nProvide the full stdout content. Do not provide any explanations or commentary outside of the predicted output.";
