// Vite config: Solid, ES-module workers, real 404s, and the built-in demo endpoint for offline use.
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { createMockHandler } from './src/node/mock-endpoint.ts';

/**
 * Serves the demo OpenAI-compatible endpoint at /demo/v1 in `vite` and `vite preview`, so a fresh `npm start`
 * evaluates something with no network and no configuration. It is a SAT solver, not a model.
 */
function demoEndpoint(): Plugin {
  const handler = createMockHandler();
  return {
    name: 'arbiter-demo-endpoint',
    configureServer(server) {
      server.middlewares.use('/demo/v1', handler);
    },
    configurePreviewServer(server) {
      server.middlewares.use('/demo/v1', handler);
    },
  };
}

export default defineConfig({
  plugins: [solid(), demoEndpoint()],
  // 'mpa' answers missing files with a real 404 instead of index.html (model loaders probe optional files).
  appType: 'mpa',
  // ES workers can import() at run time; iife workers cannot.
  worker: { format: 'es' },
  build: { target: 'es2022' },
  server: { host: 'localhost' },
  preview: { host: 'localhost' },
});
