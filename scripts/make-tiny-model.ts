// CLI: writes the generated tiny test decoder (random weights) to a folder, by default
// public/models/arbiter/tiny-llama. Node realm. Usage: npx tsx scripts/make-tiny-model.ts [outDir]

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OUT_DIR, writeTinyModel } from './tiny-model/index';

const outDir = process.argv[2] ?? DEFAULT_OUT_DIR;
const paths = await writeTinyModel(outDir);
let total = 0;
for (const path of paths) {
  const size = statSync(join(outDir, path)).size;
  total += size;
  console.log(`${String(size).padStart(8)}  ${join(outDir, path)}`);
}
console.log(`${String(total).padStart(8)}  total`);
