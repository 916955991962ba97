// Browser-test setup: the built app on localhost, plus a separate OpenAI-compatible test server on another port, so
// cross-origin (CORS) paths are real.
import type { TestProject } from 'vitest/node';
import { startMockServer } from '../../../src/node/mock-endpoint.ts';
import { startAppServer } from '../../support/app-server.ts';
import { chromiumPath } from '../../support/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    endpointUrl: string;
  }
}

export default async function setup(project: TestProject) {
  chromiumPath(); // fail fast with the install hint
  // The test pages are built beside the app (they are not part of the production build).
  const app = await startAppServer({
    extraPages: ['test/browser/pages/kernels.html', 'test/browser/pages/chain.html', 'test/browser/pages/yuma.html'],
  });
  const mock = await startMockServer();
  project.provide('appUrl', app.url);
  project.provide('endpointUrl', mock.url);
  return async () => {
    await mock.close();
    await app.close();
  };
}
