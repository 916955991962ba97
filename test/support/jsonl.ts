// Compares JSONL exports: parses lines, drops fields that differ between two runs of the same tasks (timing), and
// sorts by (env, task id).
export function normaliseJsonl(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l.replace(/("task_id"\s*:\s*)(\d+)/, '$1"$2"')) as Record<string, unknown>)
    .map(({ latency_ms: _l, timestamp: _t, ...rest }) => rest)
    .sort((a, b) =>
      a.env === b.env
        ? Number(BigInt(a.task_id as string) - BigInt(b.task_id as string))
        : String(a.env).localeCompare(String(b.env)),
    );
}
