// Browser-test setup: builds the app, serves it with `vite preview` on localhost (the demo endpoint included), and
// starts a separate OpenAI-compatible test server on another port, so cross-origin (CORS) paths are real.
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { startMockServer } from '../../../src/node/mock-endpoint.ts';
import { chromiumPath } from '../../support/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    endpointUrl: string;
  }
}

export default async function setup(project: TestProject) {
  chromiumPath(); // fail fast with the install hint
  await build({ logLevel: 'warn', build: { outDir: 'dist-test', emptyOutDir: true } });
  const server: PreviewServer = await preview({
    logLevel: 'warn',
    build: { outDir: 'dist-test' },
    preview: { port: 0, host: 'localhost', strictPort: false },
  });
  const appUrl = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
  const mock = await startMockServer();
  project.provide('appUrl', appUrl);
  project.provide('endpointUrl', mock.url);
  return async () => {
    await mock.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  };
}
