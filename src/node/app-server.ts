// Builds the app and serves it with `vite preview` on localhost (demo endpoint included), for the CLI's browser
// path, the browser tests and benches. Optionally serves a local model folder at /local-model/. Node.
import { build, preview, type Plugin } from 'vite';
import { serveFolder } from './static-folder.ts';

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

export interface AppServerOptions {
  outDir?: string;
  /** A model folder on disk to serve at /local-model/ (the CLI's `--model ./folder`). */
  modelFolder?: string;
  quiet?: boolean;
  /** Extra HTML pages to build beside index.html (test pages), paths relative to the project root. */
  extraPages?: string[];
  /** Serve this already built folder instead of building (the tests reuse their build for every CLI call). */
  prebuilt?: string;
}

export async function startAppServer(opts: AppServerOptions | string = {}): Promise<AppServer> {
  const o = typeof opts === 'string' ? { outDir: opts } : opts;
  const outDir = o.prebuilt ?? o.outDir ?? 'dist-test';
  const logLevel = o.quiet ? 'silent' : 'warn';
  if (!o.prebuilt) await buildApp(outDir, logLevel, o.extraPages);
  const plugins: Plugin[] = [];
  if (o.modelFolder) {
    const handler = serveFolder(o.modelFolder);
    plugins.push({
      name: 'arbiter-local-model',
      configurePreviewServer(server) {
        server.middlewares.use('/local-model', handler);
      },
    });
  }
  const server = await preview({
    logLevel,
    plugins,
    build: { outDir },
    preview: { port: 0, host: 'localhost', strictPort: false },
  });
  return {
    url: server.resolvedUrls!.local[0]!.replace(/\/$/, ''),
    close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())),
  };
}

async function buildApp(outDir: string, logLevel: 'silent' | 'warn', extraPages: string[] = []): Promise<void> {
  const input = Object.fromEntries([['main', 'index.html'], ...extraPages.map((p, i) => [`page${i}`, p])]);
  await build({ logLevel, build: { outDir, emptyOutDir: true, rolldownOptions: { input } } });
}
