// The Python sandbox contract: run one program with stdin under limits, get both streams back. Implemented by the
// browser's sandbox pool (src/sandbox/) and, for Node tests and the native benchmark, by a python3 subprocess.
// Both realms.

export interface ExecRequest {
  /** Python 3 source, run as a script (`__name__ == '__main__'`). */
  code: string;
  /** Whole stdin, fed up front. */
  stdin: string;
  /** Wall-clock limit; Affine's is 30 s. The run is hard-killed past it. */
  timeoutMs?: number;
  /** Cap per output stream in UTF-8 bytes; Affine's is 1,000,000. Past it the run is killed. */
  maxOutputBytes?: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit status: 0, the SystemExit code, 1 for an uncaught exception; null when killed. */
  exitCode: number | null;
  /** Killed at the wall-clock limit ("\n[TIMEOUT]" is appended to stderr, as Affine does). */
  timedOut: boolean;
  /** Killed because a stream passed maxOutputBytes. */
  outputExceeded: boolean;
  /** The runtime itself died (out of memory in WASM, worker crash); stderr says what happened. */
  crashed: boolean;
  wallMs: number;
}

export interface Executor {
  run(req: ExecRequest): Promise<ExecResult>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 1_000_000;
