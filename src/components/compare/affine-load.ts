// Affine's published documents (/scores/latest, /rank/current, /scores/weights/latest) as Compare models: read
// from files the user picked, or fetched from the public API. UI realm, no DOM.
import {
  AffineApiError,
  modelsFromAffine,
  parseAffineDocument,
  weightsFromAffine,
  type AffineDocument,
} from '../../shared/judge/affine-api.ts';
import type { CompareModel } from './model.ts';
import { CompareLoadError } from './load.ts';

export const DEFAULT_AFFINE_API = 'https://api.affine.io/api/v1';

/** The documents read so far, by kind; rank includes scores, weights only add the published weight. */
type Docs = Partial<{ [K in AffineDocument['kind']]: Extract<AffineDocument, { kind: K }> }>;

/**
 * Models from the documents: the miners of /rank/current (preferred) or /scores/latest, in the order the parser
 * gives (champion, challenger, then commitment order), each with its published weight and overall score.
 * @throws CompareLoadError 'bad-document' when no document holds scores.
 */
export function modelsFromDocs(docs: Docs, source: string): CompareModel[] {
  const withScores = docs.rank ?? docs.scores;
  if (!withScores)
    throw new CompareLoadError(
      'bad-document',
      'A /scores/weights/latest document holds weights only: add /scores/latest or /rank/current with it. Nothing was added.',
    );
  const weights = docs.weights ? weightsFromAffine(docs.weights.doc) : null;
  const miners = withScores.kind === 'rank' ? withScores.doc.scores.scores : withScores.doc.scores;
  const overall = new Map(miners.map((m) => [m.uid, m.overall_score]));
  return modelsFromAffine(withScores).map((scores) => ({
    scores,
    kind: 'affine' as const,
    source,
    series: {},
    published: {
      ...(weights && scores.uid !== undefined ? { weight: weights.get(scores.uid) ?? 0 } : {}),
      ...(scores.uid !== undefined && overall.has(scores.uid) ? { overallScore: overall.get(scores.uid)! } : {}),
    },
  }));
}

/** Reads picked JSON files, tells the three documents apart by shape, and builds the models. */
export async function affineFromFiles(files: readonly File[]): Promise<CompareModel[]> {
  const docs: Docs = {};
  for (const f of files) {
    try {
      const d = parseAffineDocument(await f.text());
      (docs as Record<string, AffineDocument>)[d.kind] = d;
    } catch (e) {
      if (e instanceof AffineApiError)
        throw new CompareLoadError('bad-document', `${f.name}: ${e.message} Nothing was added.`);
      throw e;
    }
  }
  return modelsFromDocs(docs, files.map((f) => f.name).join(', '));
}

function parseFetched(url: string, v: unknown): AffineDocument {
  try {
    return parseAffineDocument(v);
  } catch (e) {
    throw new CompareLoadError('bad-document', `${url} returned something else than expected: ${(e as Error).message}`);
  }
}

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    // fetch gives a bare TypeError for offline, DNS, TLS and CORS failures alike; the page cannot tell which.
    throw new CompareLoadError(
      'fetch-failed',
      `Could not reach ${url} (${(e as Error).message}). You may be offline, or the API does not allow requests from this page (CORS). Save the JSON from a browser tab and import it as a file instead.`,
    );
  }
  if (!res.ok)
    throw new CompareLoadError(
      'fetch-failed',
      `${url} answered HTTP ${res.status}${res.status === 503 ? ' (the rank cache is warming up; try again in a minute)' : res.status === 429 ? ' (rate limited: 10 requests a minute)' : ''}.`,
    );
  try {
    return await res.json();
  } catch (e) {
    throw new CompareLoadError('fetch-failed', `${url} did not return JSON (${(e as Error).message}).`);
  }
}

/**
 * Fetches /scores/latest (required) and /scores/weights/latest (optional: weights are shown when it answers) from
 * `baseUrl`, within 20 s.
 */
export async function fetchAffineModels(baseUrl: string): Promise<CompareModel[]> {
  const base = baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base))
    throw new CompareLoadError('fetch-failed', `"${baseUrl}" is not an http(s) URL, e.g. ${DEFAULT_AFFINE_API}.`);
  const signal = AbortSignal.timeout(20_000);
  const scores = parseFetched(`${base}/scores/latest`, await getJson(`${base}/scores/latest?top=256`, signal));
  const weights = await getJson(`${base}/scores/weights/latest`, signal)
    .then((w) => parseFetched(`${base}/scores/weights/latest`, w))
    .catch(() => undefined);
  const docs: Docs = {};
  for (const d of [scores, weights]) if (d) (docs as Record<string, AffineDocument>)[d.kind] = d;
  return modelsFromDocs(docs, base);
}
