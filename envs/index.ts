// Registry of environments. Both realms. Explicit imports rather than import.meta.glob so the CLI (plain Node via
// tsx) loads the same registry as the Vite build.
import type { Environment } from './types.ts';
import { sat } from './sat/index.ts';
import { abd } from './abd/index.ts';
import { ded } from './ded/index.ts';
import { print } from './print/index.ts';
import { hvm } from './hvm/index.ts';

export const ENVIRONMENTS: readonly Environment<any>[] = [sat, abd, ded, print, hvm];

export class UnknownEnvError extends Error {
  override name = 'UnknownEnvError';
}

/** Looks an environment up by id ('sat') or Affine SDK name ('affine:sat'). */
export function getEnv(idOrName: string): Environment<any> {
  const key = idOrName.trim().toLowerCase();
  const env = ENVIRONMENTS.find((e) => e.id === key || e.name.toLowerCase() === key);
  if (!env)
    throw new UnknownEnvError(`Unknown environment "${idOrName}". Known: ${ENVIRONMENTS.map((e) => e.id).join(', ')}.`);
  return env;
}
