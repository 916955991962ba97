// Append-only JSONL output of `arbiter eval`: one line per sample, written as soon as it is scored, so an
// interrupted run loses nothing and the next run resumes from the file. Node.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { parseJsonl, sampleToJsonl, type SampleRecord } from '../../shared/eval/sample.ts';

export class JsonlSink {
  private readonly done = new Set<string>();

  private constructor(
    private readonly fh: FileHandle,
    readonly existing: SampleRecord[],
  ) {
    for (const s of existing) this.done.add(`${s.env}\u0000${s.taskKey}`);
  }

  /** Opens (or creates) the file; samples already in it are parsed so the run can resume. */
  static async open(path: string): Promise<JsonlSink> {
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    let existing: SampleRecord[] = [];
    if (text.trim()) {
      try {
        existing = parseJsonl(text, 'cli');
      } catch (e) {
        throw new Error(
          `${path} exists but is not an Arbiter/Affine JSONL file (${(e as Error).message}); choose another --out.`,
          { cause: e },
        );
      }
    }
    const fh = await open(path, 'a');
    // A file cut mid-line by a crash: start the next record on a fresh line.
    if (text && !text.endsWith('\n')) await fh.write('\n');
    return new JsonlSink(fh, existing);
  }

  has(env: string, taskKey: string): boolean {
    return this.done.has(`${env}\u0000${taskKey}`);
  }

  async append(s: SampleRecord): Promise<void> {
    this.done.add(`${s.env}\u0000${s.taskKey}`);
    await this.fh.write(sampleToJsonl(s) + '\n');
  }

  /** Appends a line already serialised elsewhere (the browser path), for the sample it encodes. */
  async appendLine(line: string, s: SampleRecord): Promise<void> {
    this.done.add(`${s.env}\u0000${s.taskKey}`);
    await this.fh.write(line + '\n');
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
