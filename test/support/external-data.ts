// Rewrites the tiny model into ONNX's external-data layout (weights in onnx/model.onnx_data, the graph pointing at
// offsets in it, `use_external_data_format` in config.json): the layout larger real models ship in.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export function writeExternalDataCopy(src: string, dest: string): void {
  cpSync(src, dest, { recursive: true });
  const model = onnx.ModelProto.decode(readFileSync(join(src, 'onnx/model.onnx')));
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const t of model.graph!.initializer!) {
    const raw = Buffer.from(t.rawData!);
    // Like onnx's writer (size_threshold=1024): small tensors, such as shapes that shape inference reads, stay inline.
    if (raw.length < 1024) continue;
    // Offsets aligned to 16 bytes, as onnx's own external-data writer does for large tensors.
    const pad = (16 - (offset % 16)) % 16;
    if (pad) chunks.push(Buffer.alloc(pad));
    offset += pad;
    t.externalData = [
      { key: 'location', value: 'model.onnx_data' },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(raw.length) },
    ];
    t.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    t.rawData = new Uint8Array(0);
    chunks.push(raw);
    offset += raw.length;
  }
  writeFileSync(join(dest, 'onnx/model.onnx'), onnx.ModelProto.encode(model).finish());
  writeFileSync(join(dest, 'onnx/model.onnx_data'), Buffer.concat(chunks));
  const configPath = join(dest, 'config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, Record<string, unknown>>;
  config['transformers.js_config'] = { ...config['transformers.js_config'], use_external_data_format: true };
  writeFileSync(configPath, JSON.stringify(config, null, 2));
}
