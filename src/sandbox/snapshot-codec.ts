// The wire format of Pyodide's memory snapshot (vite-plugin.ts writes it, worker.ts reads it): the snapshot is the
// interpreter's whole 21 MB heap, about half of it zeros, and in Chromium its download costs more per byte than
// unpacking does (a 21 MB fetch took 0.6–0.8 s of a ~3 s cold start here; gzip saved transfer but cost as much to
// inflate). So runs of zeros are left out: a header, the (offset, length) of every run of other bytes, then those
// bytes. No imports: vite-plugin.ts inlines this file into the worker's source (`export` dropped).

/** "ARBZ", little-endian u32. */
const MAGIC = 0x5a425241;
const HEADER_BYTES = 12; // magic, unpacked length, segment count
/** Runs of zeros shorter than this stay in the data: a segment costs 8 bytes of table. */
const MIN_ZERO_RUN = 64;

/** Packs `bytes`, leaving out every run of at least MIN_ZERO_RUN zero bytes. */
export function packSnapshot(bytes: Uint8Array): Uint8Array {
  const segments: [number, number][] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    while (i < n && bytes[i] === 0) i++; // zeros between segments, of any length, are left out
    if (i >= n) break;
    const start = i;
    let last = i; // the segment's last non-zero byte so far
    // Extend until MIN_ZERO_RUN zeros in a row (or the end): shorter runs stay inside the segment.
    for (; i < n && i - last <= MIN_ZERO_RUN; i++) if (bytes[i] !== 0) last = i;
    segments.push([start, last + 1 - start]);
    i = last + 1;
  }
  const dataBytes = segments.reduce((n, [, len]) => n + len, 0);
  const out = new Uint8Array(HEADER_BYTES + 8 * segments.length + dataBytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, bytes.length, true);
  view.setUint32(8, segments.length, true);
  let at = HEADER_BYTES + 8 * segments.length;
  segments.forEach(([start, len], k) => {
    view.setUint32(HEADER_BYTES + 8 * k, start, true);
    view.setUint32(HEADER_BYTES + 8 * k + 4, len, true);
    out.set(bytes.subarray(start, start + len), at);
    at += len;
  });
  return out;
}

/**
 * The snapshot `packSnapshot` packed, in a new buffer.
 * @throws Error naming what is wrong when `packed` is not a whole, well-formed pack.
 */
export function unpackSnapshot(packed: Uint8Array): Uint8Array {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (packed.byteLength < HEADER_BYTES || view.getUint32(0, true) !== MAGIC) {
    throw new Error('the Python snapshot is not in the packed format (wrong magic)');
  }
  const length = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  let at = HEADER_BYTES + 8 * count;
  if (at > packed.byteLength) throw new Error('the Python snapshot is cut short (segment table)');
  const out = new Uint8Array(length); // zero-filled: the left-out runs
  for (let k = 0; k < count; k++) {
    const start = view.getUint32(HEADER_BYTES + 8 * k, true);
    const len = view.getUint32(HEADER_BYTES + 8 * k + 4, true);
    if (start + len > length || at + len > packed.byteLength) {
      throw new Error(`the Python snapshot's segment ${k} does not fit`);
    }
    out.set(packed.subarray(at, at + len), start);
    at += len;
  }
  if (at !== packed.byteLength) throw new Error('the Python snapshot has trailing bytes');
  return out;
}
