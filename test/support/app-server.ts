// Builds the app and serves it with `vite preview` on localhost (the demo endpoint included), for browser tests
// and benches.
import { build, preview } from 'vite';

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

export async function startAppServer(outDir = 'dist-test'): Promise<AppServer> {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: 'localhost', strictPort: false },
  });
  return {
    url: server.resolvedUrls!.local[0]!.replace(/\/$/, ''),
    close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())),
  };
}
