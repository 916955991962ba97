// A minimal Parquet writer for test fixtures: one row group, optional UTF-8 string columns, PLAIN encoding, no
// compression, Thrift compact metadata. Enough for hyparquet to read back; not a general writer. Node or browser.
// `test/fixtures/rl-python-mini.parquet` is `writeStringParquet` of the JSONL fixture (see datasets.test.ts).

const enc = new TextEncoder();

/** Thrift compact protocol, the subset Parquet metadata needs. */
class Thrift {
  bytes: number[] = [];
  private last: number[] = [0];

  private varint(n: bigint) {
    let v = n;
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v) b |= 0x80;
      this.bytes.push(b);
    } while (v);
  }
  private zigzag(n: number | bigint) {
    const v = BigInt(n);
    this.varint(v >= 0n ? v << 1n : (-v << 1n) - 1n);
  }
  private header(id: number, type: number) {
    const delta = id - this.last[this.last.length - 1];
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.zigzag(id);
    }
    this.last[this.last.length - 1] = id;
  }
  i32(id: number, v: number) {
    this.header(id, 5);
    this.zigzag(v);
    return this;
  }
  i64(id: number, v: number | bigint) {
    this.header(id, 6);
    this.zigzag(v);
    return this;
  }
  binary(id: number, s: string) {
    this.header(id, 8);
    this.rawBinary(s);
    return this;
  }
  private rawBinary(s: string) {
    const b = enc.encode(s);
    this.varint(BigInt(b.length));
    this.bytes.push(...b);
  }
  private listHeader(id: number, size: number, elemType: number) {
    this.header(id, 9);
    if (size < 15) this.bytes.push((size << 4) | elemType);
    else {
      this.bytes.push(0xf0 | elemType);
      this.varint(BigInt(size));
    }
  }
  listI32(id: number, vs: number[]) {
    this.listHeader(id, vs.length, 5);
    for (const v of vs) this.zigzag(v);
    return this;
  }
  listString(id: number, vs: string[]) {
    this.listHeader(id, vs.length, 8);
    for (const v of vs) this.rawBinary(v);
    return this;
  }
  listStruct<T>(id: number, items: T[], write: (t: Thrift, item: T) => void) {
    this.listHeader(id, items.length, 12);
    for (const item of items) {
      this.last.push(0);
      write(this, item);
      this.bytes.push(0);
      this.last.pop();
    }
    return this;
  }
  struct(id: number, write: (t: Thrift) => void) {
    this.header(id, 12);
    this.last.push(0);
    write(this);
    this.bytes.push(0);
    this.last.pop();
    return this;
  }
  end() {
    this.bytes.push(0);
    return this;
  }
}

const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** One data page of an optional BYTE_ARRAY column: bit-packed definition levels, then PLAIN values. */
function columnPage(values: (string | null)[]): number[] {
  const groups = Math.ceil(values.length / 8);
  const levels: number[] = [(groups << 1) | 1]; // bit-packed run header (groups < 64 here)
  for (let g = 0; g < groups; g++) {
    let byte = 0;
    for (let j = 0; j < 8; j++) if (values[g * 8 + j] != null) byte |= 1 << j;
    levels.push(byte);
  }
  const data: number[] = [...u32(levels.length), ...levels];
  for (const v of values) {
    if (v == null) continue;
    const b = enc.encode(v);
    data.push(...u32(b.length), ...b);
  }
  const header = new Thrift()
    .i32(1, 0) // DATA_PAGE
    .i32(2, data.length)
    .i32(3, data.length)
    .struct(5, (t) => t.i32(1, values.length).i32(2, 0).i32(3, 3).i32(4, 3))
    .end().bytes;
  return [...header, ...data];
}

/** A Parquet file with one optional UTF-8 column per name; `rows[i][name]` null or absent is a null. */
export function writeStringParquet(columns: string[], rows: Record<string, string | null | undefined>[]): Uint8Array {
  if (rows.length > 500) throw new RangeError('writeStringParquet: at most 500 rows');
  const out: number[] = [...enc.encode('PAR1')];
  const chunks = columns.map((name) => {
    const page = columnPage(rows.map((r) => r[name] ?? null));
    const offset = out.length;
    out.push(...page);
    return { name, offset, size: page.length };
  });
  const meta = new Thrift()
    .i32(1, 1)
    .listStruct(2, [{ name: 'schema', root: true }, ...columns.map((name) => ({ name, root: false }))], (t, el) => {
      if (el.root) t.binary(4, el.name).i32(5, columns.length);
      else t.i32(1, 6).i32(3, 1).binary(4, el.name).i32(6, 0); // BYTE_ARRAY, OPTIONAL, UTF8
    })
    .i64(3, rows.length)
    .listStruct(4, [0], (t) => {
      t.listStruct(1, chunks, (c, ch) => {
        c.i64(2, ch.offset).struct(3, (m) =>
          m
            .i32(1, 6)
            .listI32(2, [0, 3])
            .listString(3, [ch.name])
            .i32(4, 0)
            .i64(5, rows.length)
            .i64(6, ch.size)
            .i64(7, ch.size)
            .i64(9, ch.offset),
        );
      })
        .i64(
          2,
          chunks.reduce((s, c) => s + c.size, 0),
        )
        .i64(3, rows.length);
    })
    .binary(6, 'arbiter test/support/parquet-writer.ts')
    .end().bytes;
  out.push(...meta, ...u32(meta.length), ...enc.encode('PAR1'));
  return Uint8Array.from(out);
}
