// A native `Executor` for Node tests and benchmarks: each run writes the code to a temp .py file and spawns
// `python <file>` with the stdin fed up front, like Affine's ProgramExecutor. Node realm only.
//
// Limits follow sandbox.ts: a wall-clock kill (SIGKILL to the process group, "\n[TIMEOUT]" appended to stderr) and a
// per-stream UTF-8 byte cap (the run is killed once a stream passes it). No CPU or memory rlimits: tests run trusted
// code. Set PYTHON to choose the interpreter; `defaultPython()` prefers CPython 3.12 when it is installed.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_TIMEOUT_MS,
  type ExecRequest,
  type ExecResult,
  type Executor,
} from '../../src/shared/api/sandbox';

/** CPython 3.12 (Affine's version) where this machine has it, else `python3`; PYTHON overrides both. */
export function defaultPython(): string {
  if (process.env.PYTHON) return process.env.PYTHON;
  const py312 = '/root/.pyenv/versions/3.12.1/bin/python3';
  return existsSync(py312) ? py312 : 'python3';
}

export interface PythonExecutorOptions {
  /** Interpreter to run; default `defaultPython()`. */
  python?: string;
}

/** Runs programs with a local CPython. Each `run` is independent; runs may overlap. */
export class PythonExecutor implements Executor {
  readonly python: string;
  /** Number of processes started so far (tests use it to check how many runs an evaluation made). */
  runs = 0;

  constructor(opts: PythonExecutorOptions = {}) {
    this.python = opts.python ?? defaultPython();
  }

  async run(req: ExecRequest): Promise<ExecResult> {
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const cap = req.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const dir = await mkdtemp(join(tmpdir(), 'arbiter-py-'));
    const file = join(dir, 'prog.py');
    await writeFile(file, req.code, 'utf8');
    this.runs++;
    const started = performance.now();
    try {
      return await new Promise<ExecResult>((resolve, reject) => {
        const child = spawn(this.python, [file], {
          cwd: dir,
          // A new process group, so a kill also reaches the program's own children.
          detached: true,
          stdio: ['pipe', 'pipe', 'pipe'],
          // UTF-8 streams whatever the host locale, as in Affine's python:3.12-slim images.
          env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' },
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let outBytes = 0;
        let errBytes = 0;
        let timedOut = false;
        let outputExceeded = false;
        const kill = () => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        };
        const timer = setTimeout(() => {
          timedOut = true;
          kill();
        }, timeoutMs);
        child.stdout.on('data', (b: Buffer) => {
          out.push(b);
          outBytes += b.length;
          if (outBytes > cap && !outputExceeded) {
            outputExceeded = true;
            kill();
          }
        });
        child.stderr.on('data', (b: Buffer) => {
          err.push(b);
          errBytes += b.length;
          if (errBytes > cap && !outputExceeded) {
            outputExceeded = true;
            kill();
          }
        });
        child.on('error', (e) => {
          clearTimeout(timer);
          reject(new Error(`Could not start ${this.python}: ${e.message}`, { cause: e }));
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          let stderr = Buffer.concat(err).toString('utf8');
          if (timedOut) stderr += '\n[TIMEOUT]';
          resolve({
            stdout: Buffer.concat(out).toString('utf8'),
            stderr,
            exitCode: timedOut || outputExceeded ? null : code,
            timedOut,
            outputExceeded,
            crashed: false,
            wallMs: performance.now() - started,
          });
        });
        // The program may exit without reading its stdin: ignore the broken pipe, as Affine does.
        child.stdin.on('error', () => {});
        child.stdin.end(req.stdin, 'utf8');
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** Result of one reference call: the value, or the Python exception type it raised. */
export type RefResult = { v: unknown } | { e: string };

/**
 * Calls functions of test/support/affine_programs_ref.py (Affine's pure env code) in one CPython process:
 * `calls` are `[op, ...args]`, answered in order.
 */
export function affineRef(calls: unknown[][], python = defaultPython()): RefResult[] {
  const script = fileURLToPath(new URL('./affine_programs_ref.py', import.meta.url));
  const out = execFileSync(python, [script], {
    input: JSON.stringify(calls),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
  });
  return JSON.parse(out) as RefResult[];
}
