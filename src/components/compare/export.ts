// Exports of a comparison: JSON (models, intervals, rule, verdict, leaderboard), CSV (one row per model × env) and
// each plot as PNG (the SVG drawn into a canvas). UI realm.
import type { Verdict } from '../../shared/judge/types.ts';
import type { LeaderRow } from './leaderboard.ts';
import type { CompareModel } from './model.ts';
import type { EnvRow } from './rows.ts';

export interface ComparisonExport {
  models: readonly CompareModel[];
  rows: readonly EnvRow[];
  rule: string;
  options: unknown;
  verdict: Verdict | null;
  leaderboard: readonly LeaderRow[];
}

/** The comparison as a JSON document; per-task maps become plain objects so the file round-trips. */
export function comparisonJson(c: ComparisonExport): Blob {
  const doc = {
    kind: 'arbiter-comparison',
    version: 1,
    createdAt: new Date().toISOString(),
    models: c.models.map((m, order) => ({
      order,
      id: m.scores.id,
      label: m.scores.label,
      source: { kind: m.kind, where: m.source },
      ...(m.scores.uid !== undefined ? { uid: m.scores.uid } : {}),
      ...(m.scores.firstBlock !== undefined ? { firstBlock: m.scores.firstBlock } : {}),
      ...(m.published ? { published: m.published } : {}),
      envs: Object.fromEntries(
        Object.entries(m.scores.envs).map(([env, e]) => [
          env,
          { n: e.n, mean: e.mean, ...(e.tasks ? { tasks: Object.fromEntries(e.tasks) } : {}) },
        ]),
      ),
    })),
    intervals: c.rows.map((r) => ({
      model: r.modelId,
      env: r.env,
      n: r.n,
      mean: r.mean,
      lo: r.lo,
      hi: r.hi,
      method: r.method,
    })),
    rule: c.rule,
    options: c.options,
    verdict: c.verdict,
    leaderboard: c.leaderboard,
  };
  return new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
}

const CSV_HEADER = ['model_id', 'model', 'source', 'env', 'n', 'mean', 'lo', 'hi', 'interval', 'weight'];

/** RFC 4180 quoting: a field with a comma, quote or newline is quoted, quotes doubled. */
function csvField(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per model × env with the numbers the table shows, plus the model's weight when the rule gave one. */
export function comparisonCsv(rows: readonly EnvRow[], weights?: Record<string, number>): Blob {
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows)
    lines.push(
      [r.modelId, r.label, r.source, r.env, r.n, r.mean, r.lo, r.hi, r.method, weights?.[r.modelId]]
        .map(csvField)
        .join(','),
    );
  return new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' });
}

/**
 * A plot's SVG as a PNG at `scale`× with its title drawn above it on white. Plot's SVG carries its own <style>, so
 * the serialised markup renders the same in an <img>; an SVG image without foreignObject does not taint the canvas.
 */
export async function svgToPng(svg: SVGSVGElement, title: string, scale = 2): Promise<Blob> {
  const w = svg.width.baseVal.value || svg.getBoundingClientRect().width;
  const h = svg.height.baseVal.value || svg.getBoundingClientRect().height;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  const url = URL.createObjectURL(
    new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml;charset=utf-8' }),
  );
  try {
    const img = new Image();
    img.decoding = 'sync';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The plot could not be drawn as an image.'));
    });
    img.src = url;
    await loaded;
    const titleH = 32;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(w * scale);
    canvas.height = Math.ceil((h + titleH) * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw on a canvas, so the plot cannot be saved as PNG.');
    ctx.scale(scale, scale);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h + titleH);
    ctx.fillStyle = '#1b1f24';
    ctx.font = '600 15px system-ui, sans-serif';
    ctx.fillText(title, 8, 21);
    ctx.drawImage(img, 0, titleH, w, h);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be encoded.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A file-name-safe slug: 'Pareto: a vs b' → 'pareto-a-vs-b'. */
export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
