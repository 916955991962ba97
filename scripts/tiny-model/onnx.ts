// A small ONNX graph builder over onnx-proto: nodes with int attributes, little-endian raw initializers and typed
// inputs/outputs. Node realm (build script).

import onnxProto, { type onnx as Onnx } from 'onnx-proto';

// onnx-proto is CommonJS with no named ESM exports, so take the namespace off the default export.
const { onnx } = onnxProto;

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const INT64 = onnx.TensorProto.DataType.INT64;
export const BOOL = onnx.TensorProto.DataType.BOOL;

/** A dimension: a number is fixed, a string is a symbolic name (transformers.js reads `batch_size` by name). */
export type Dim = number | string;

type Attr = number | number[];

/** Serializes numbers little-endian through a DataView so the bytes do not depend on the host's endianness. */
function rawBytes(values: ArrayLike<number | bigint>, type: number): Uint8Array {
  const width = type === INT64 ? 8 : 4;
  const view = new DataView(new ArrayBuffer(values.length * width));
  for (let i = 0; i < values.length; i++) {
    if (type === INT64) view.setBigInt64(i * 8, BigInt(values[i]), true);
    else view.setFloat32(i * 4, Number(values[i]), true);
  }
  return new Uint8Array(view.buffer);
}

function valueInfo(name: string, elemType: number, dims: readonly Dim[]): Onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/** Collects nodes, initializers and graph I/O; names must be unique, which `op` guarantees for its own outputs. */
export class GraphBuilder {
  private readonly nodes: Onnx.INodeProto[] = [];
  private readonly inits: Onnx.ITensorProto[] = [];
  private readonly inputs: Onnx.IValueInfoProto[] = [];
  private readonly outputs: Onnx.IValueInfoProto[] = [];
  private readonly names = new Set<string>();
  private counter = 0;

  private claim(name: string): string {
    if (this.names.has(name)) throw new Error(`duplicate ONNX value name ${name}`);
    this.names.add(name);
    return name;
  }

  input(name: string, elemType: number, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(this.claim(name), elemType, dims));
    return name;
  }

  /** Declares an existing value (usually named through `op`'s `out`) as a graph output. */
  output(name: string, elemType: number, dims: readonly Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /** A constant tensor stored as raw little-endian data. */
  init(name: string, dims: readonly number[], values: ArrayLike<number | bigint>, type: number = FLOAT): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== values.length) throw new Error(`${name}: ${values.length} values for dims [${dims}]`);
    this.inits.push({ name: this.claim(name), dims: [...dims], dataType: type, rawData: rawBytes(values, type) });
    return name;
  }

  /** int64 constant, for shapes, axes and indices. */
  ints(name: string, values: readonly number[], scalar = false): string {
    return this.init(name, scalar ? [] : [values.length], values.map(BigInt), INT64);
  }

  /** Adds one node and returns its output names (`count` of them, named `out` or after the node). */
  opN(
    type: string,
    inputs: readonly string[],
    count: number,
    attrs: Record<string, Attr> = {},
    out?: string,
  ): string[] {
    const name = `${type}_${this.counter++}`;
    const outs = Array.from({ length: count }, (_, i) => this.claim(count === 1 && out ? out : `${out ?? name}:${i}`));
    const attribute = Object.entries(attrs).map(([key, v]): Onnx.IAttributeProto =>
      Array.isArray(v)
        ? { name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: v }
        : { name: key, type: onnx.AttributeProto.AttributeType.INT, i: v },
    );
    this.nodes.push({ name, opType: type, input: [...inputs], output: outs, attribute });
    return outs;
  }

  /** Adds one single-output node and returns the output's name. */
  op(type: string, inputs: readonly string[], attrs: Record<string, Attr> = {}, out?: string): string {
    return this.opN(type, inputs, 1, attrs, out)[0];
  }

  /** Encodes the ModelProto (IR 8, default-domain opset 17). */
  encode(graphName: string, producer: string): Uint8Array {
    const graph = onnx.GraphProto.create({
      name: graphName,
      node: this.nodes,
      initializer: this.inits,
      input: this.inputs,
      output: this.outputs,
    });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: producer,
      opsetImport: [{ domain: '', version: 17 }],
      graph,
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
