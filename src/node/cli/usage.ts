// Usage errors of the CLI and small helpers to read required flags. Node.
export class UsageError extends Error {
  override name = 'UsageError';
}

export function required(values: Record<string, unknown>, flag: string): string {
  const v = values[flag];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${flag} is required (see arbiter --help).`);
  return v;
}

export function positiveInt(values: Record<string, unknown>, flag: string, fallback?: number): number | undefined {
  const v = values[flag];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^[1-9]\d*$/.test(v))
    throw new UsageError(`--${flag} must be a whole number ≥ 1, not "${String(v)}".`);
  return Number(v);
}
