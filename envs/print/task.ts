// PRINT task generation: row `task_id % len`, debug prints injected by upstream's own Python (run in the sandbox),
// ground truth from running the result. Mirrors `TraceTask.generate` in affinetes environments/trace/trace_task.py
// @ 345b7bcf. Both realms; runs two programs in the sandbox.

import type { Executor } from '../../src/shared/api/sandbox';
import { pyStrip } from '../../src/shared/pystr';
import { clip, DatasetRowError, rowString, universalNewlines } from '../common/executor';
import type { DatasetRow } from '../types';
import { INJECT_PY } from './inject.py';
import { PRINT_META, PRINT_PROMPT_TEMPLATE, PRINT_TRUTH_MAX_BYTES, PRINT_TRUTH_TIMEOUT_MS } from './meta';

/** What a PRINT task carries to the scorer. */
export interface PrintData {
  datasetIndex: number;
  /** Injection seed: the task id, as a decimal string (ids may exceed 2^53). */
  seed: string;
  transformed: string;
  /** The row's stdin, null when it has none (the prompt then shows "None"). */
  inputs: string | null;
  /** stdout of the transformed program, `strip()`-ped; "" after a timeout. */
  groundTruth: string;
  /** The ground-truth run crashed (partial stdout kept) or timed out. */
  truthStatus: 'ok' | 'error' | 'timeout';
}

/** The injection or ground-truth run failed in a way upstream would not have (not a model score). */
export class PrintTaskError extends Error {
  override name = 'PrintTaskError';
  constructor(
    message: string,
    readonly code: 'injection_failed' | 'sandbox_output_cap' | 'sandbox_crashed',
  ) {
    super(message);
  }
}

/** Runs upstream's `inject_non_overfittable_prints(source, seed, max_injections=6)` in the sandbox. */
export async function injectPrints(exec: Executor, source: string, seed: bigint): Promise<string> {
  const r = await exec.run({
    code: INJECT_PY,
    stdin: JSON.stringify({ source, seed: seed.toString() }),
    maxOutputBytes: 64_000_000,
  });
  if (r.exitCode === 0 && !r.timedOut && !r.outputExceeded) {
    try {
      const out: unknown = JSON.parse(r.stdout);
      if (typeof out === 'string') return out;
    } catch {
      // fall through to the error below
    }
  }
  throw new PrintTaskError(
    `PRINT: the print injection failed in the sandbox: ${clip(r.stderr, 1000)}`,
    'injection_failed',
  );
}

/** The prompt: the transformed program and `str(inputs)` in upstream's f-string. */
export function printPrompt(transformed: string, inputs: string | null): string {
  return PRINT_PROMPT_TEMPLATE.replace('{transformed}', () => transformed).replace('{inputs}', () => inputs ?? 'None');
}

/**
 * `run_code_sync(transformed, input_data=inputs)`: no newline added, 10 s; stdout is kept when the program fails and
 * dropped ("") on a timeout; then `strip()`.
 */
export async function groundTruth(
  exec: Executor,
  transformed: string,
  inputs: string | null,
): Promise<Pick<PrintData, 'groundTruth' | 'truthStatus'>> {
  const r = await exec.run({
    code: transformed,
    stdin: inputs ?? '',
    timeoutMs: PRINT_TRUTH_TIMEOUT_MS,
    maxOutputBytes: PRINT_TRUTH_MAX_BYTES,
  });
  if (r.timedOut) return { groundTruth: '', truthStatus: 'timeout' };
  if (r.outputExceeded) {
    throw new PrintTaskError(
      'PRINT: the instrumented program printed more than the sandbox allows.',
      'sandbox_output_cap',
    );
  }
  if (r.crashed) throw new PrintTaskError(`PRINT: the sandbox crashed: ${clip(r.stderr, 500)}`, 'sandbox_crashed');
  return {
    groundTruth: pyStrip(universalNewlines(r.stdout)),
    truthStatus: r.exitCode === 0 ? 'ok' : 'error',
  };
}

export async function generatePrint(
  exec: Executor,
  row: DatasetRow,
  index: number,
  taskId: bigint,
): Promise<PrintData> {
  const program = rowString(row, 'program', index, PRINT_META.name);
  const inputs = row.inputs ?? null;
  if (inputs !== null && typeof inputs !== 'string') {
    throw new DatasetRowError(`${PRINT_META.name}: dataset row ${index} field "inputs" must be a string or null.`);
  }
  const transformed = await injectPrints(exec, program, taskId);
  return {
    datasetIndex: index,
    seed: taskId.toString(),
    transformed,
    inputs,
    ...(await groundTruth(exec, transformed, inputs)),
  };
}
