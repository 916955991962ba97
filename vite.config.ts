// Vite config: Solid, ES-module workers, real 404s, and the built-in demo endpoint for offline use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { createMockHandler } from './src/node/mock-endpoint.ts';
import { pyodideSandbox } from './src/sandbox/vite-plugin.ts';

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

/**
 * Self-hosts ONNX Runtime's WASM pair at /ort/ (transformers.js would fetch it from a CDN, which fails offline):
 * served from node_modules in dev, emitted into the build with the package version beside it.
 */
function ortRuntime(): Plugin {
  // package.json is not in the package's exports map: resolve the main entry and walk up to the package root.
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve('onnxruntime-web')), '..');
  const pkgPath = join(root, 'package.json');
  const dist = join(root, 'dist');
  const version = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  const files = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];
  const type = (f: string) => (f.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
  return {
    name: 'arbiter-ort-runtime',
    configureServer(server) {
      server.middlewares.use('/ort', (req, res, next) => {
        const f = files.find((x) => req.url === `/${x}`);
        if (!f) return next();
        res.setHeader('Content-Type', type(f));
        res.end(readFileSync(join(dist, f)));
      });
    },
    generateBundle() {
      for (const f of files)
        this.emitFile({ type: 'asset', fileName: `ort/${f}`, source: readFileSync(join(dist, f)) });
      this.emitFile({
        type: 'asset',
        fileName: 'ort/VERSION.json',
        source: JSON.stringify({ package: 'onnxruntime-web', version, files }, null, 2),
      });
    },
  };
}

export default defineConfig({
  plugins: [solid(), demoEndpoint(), ortRuntime(), pyodideSandbox()],
  // 'mpa' answers missing files with a real 404 instead of index.html (model loaders probe optional files).
  appType: 'mpa',
  // ES workers can import() at run time; iife workers cannot.
  worker: { format: 'es' },
  build: { target: 'es2022' },
  server: { host: 'localhost' },
  preview: { host: 'localhost' },
});
