// The per-(env, task) LLM seed Affine's SDK sends as the OpenAI `seed` field (docs/affine-envs.md §1.2).
// Both realms: Web Crypto only (globalThis.crypto.subtle exists in browsers, workers and Node >= 19).

/**
 * `int.from_bytes(sha256(f"{env_name}:{task_id}").digest()[:8], "big") % 2**32`, i.e. digest bytes 4..7 big-endian.
 * `taskId` is printed in decimal like Python does, so numbers must be safe integers (pass bigger ids as bigint).
 */
export async function affineSeed(envName: string, taskId: bigint | number): Promise<number> {
  if (typeof taskId === 'number' && !Number.isSafeInteger(taskId)) {
    throw new RangeError(`task id must be a safe integer or a bigint, got ${taskId}`);
  }
  const data = new TextEncoder().encode(`${envName}:${taskId}`);
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  // `<< 24` can set the sign bit; `>>> 0` brings the word back to unsigned.
  return ((d[4] << 24) | (d[5] << 16) | (d[6] << 8) | d[7]) >>> 0;
}
