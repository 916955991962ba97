// Points transformers.js at a model source: bundled folder, Hub repo, URL or a folder picked on disk. Worker realm.
import { env } from '@huggingface/transformers';
import type { ModelSource } from '../../src/shared/api/llm.ts';

const realFetch = globalThis.fetch.bind(globalThis);
/** Picked folders are served under this never-resolvable host by our own fetch. */
const FOLDER_HOST = 'https://picked-folder.invalid/';

/** Self-hosted ONNX Runtime files: the default points at a CDN, which fails offline (browser.md §5.2). */
export function configureRuntime(): void {
  const ort = env.backends.onnx as { wasm?: { wasmPaths?: unknown; proxy?: boolean } };
  ort.wasm ??= {};
  ort.wasm.wasmPaths = {
    mjs: new URL('/ort/ort-wasm-simd-threaded.asyncify.mjs', self.location.origin).href,
    wasm: new URL('/ort/ort-wasm-simd-threaded.asyncify.wasm', self.location.origin).href,
  };
}

export function sourceName(s: ModelSource): string {
  if (s.kind === 'hub') return s.revision ? `${s.id}@${s.revision}` : s.id;
  if (s.kind === 'url') return s.url;
  if (s.kind === 'folder') return `folder ${s.name}`;
  return s.id;
}

/**
 * Sets transformers.js's host, path template and fetch for the source, and returns the id and revision to pass to
 * from_pretrained. Every source goes through the "remote" path so that files are fetched with real 404s and cached
 * in Cache Storage (except picked folders, which are already local).
 */
export function useSource(s: ModelSource): { id: string; revision?: string } {
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.useBrowserCache = typeof caches !== 'undefined';
  env.fetch = realFetch;
  switch (s.kind) {
    case 'hub':
      env.remoteHost = s.host ?? 'https://huggingface.co/';
      env.remotePathTemplate = '{model}/resolve/{revision}/';
      return { id: s.id, revision: s.revision || 'main' };
    case 'bundled':
      env.remoteHost = new URL('/models/', self.location.origin).href;
      env.remotePathTemplate = '{model}/';
      // Bundled files are already on this origin; caching them only duplicates them.
      env.useBrowserCache = false;
      return { id: s.id };
    case 'url':
      env.remoteHost = s.url.endsWith('/') ? s.url : `${s.url}/`;
      env.remotePathTemplate = '';
      return { id: 'model' };
    case 'folder': {
      env.remoteHost = FOLDER_HOST;
      env.remotePathTemplate = '';
      env.useBrowserCache = false;
      const files = s.files;
      env.fetch = async (input: string | URL, init?: RequestInit) => {
        const url = String(input);
        if (!url.startsWith(FOLDER_HOST)) return realFetch(input, init);
        // An empty path template makes transformers.js join 'host/' + '' + file as 'host//file'.
        const path = decodeURIComponent(new URL(url).pathname)
          .replace(/\/{2,}/g, '/')
          .replace(/^\//, '');
        const blob = files[path];
        return blob
          ? new Response(blob, { status: 200, headers: { 'Content-Length': String(blob.size) } })
          : new Response('Not Found', { status: 404, statusText: 'Not Found' });
      };
      return { id: 'model' };
    }
  }
}
