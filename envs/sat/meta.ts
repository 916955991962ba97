// Identity and fixed parameters of the SAT environment (Affine's planted k-SAT). Both realms: constants only.

/** Size of an instance: n variables, k literals per clause, m clauses. */
export interface SatConfig {
  readonly n: number;
  readonly k: number;
  readonly m: number;
}

/** What Affine's `SATTask.generate` uses: n = 15, k = 10, m = int(4.26 * n) = 63. */
export const SAT_CONFIG: SatConfig = Object.freeze({ n: 15, k: 10, m: 63 });

/** Static description of the environment, spread into the `Environment` object in index.ts. */
export const SAT_META = {
  id: 'sat',
  name: 'affine:sat',
  label: 'SAT (planted 10-SAT, 15 variables)',
  version: '1.0.0',
  upstream: 'AffineFoundation/affinetes environments/affine/sat.py @ 345b7bcf',
} as const;
