#!/usr/bin/env node
// `arbiter` CLI entry: loads the TypeScript sources through tsx, so the CLI runs the very code the app runs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/node/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
