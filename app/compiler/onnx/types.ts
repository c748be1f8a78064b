/** A protobuf-free description of an ONNX model; main/node/export encodes it with the ONNX schema. */

export type OnnxAttr =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'ints'; value: number[] }
  | { kind: 'floats'; value: number[] }
  | { kind: 'string'; value: string };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, OnnxAttr>;
}

/** ONNX TensorProto.DataType: FLOAT = 1, INT64 = 7. */
export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: 1 | 7;
  /** FLOAT data (dataType 1). */
  floats?: Float32Array;
  /** INT64 data (dataType 7). */
  ints?: number[];
}

/** A graph input or output: float32 with a symbolic batch dimension `N`. */
export interface OnnxValueInfo {
  name: string;
  /** Per-sample shape; the batch dim is `N`. */
  shape: number[];
}

export interface OnnxModel {
  irVersion: number;
  opset: number;
  producerName: string;
  producerVersion: string;
  graph: {
    name: string;
    nodes: OnnxNode[];
    initializers: OnnxTensor[];
    inputs: OnnxValueInfo[];
    outputs: OnnxValueInfo[];
  };
  metadata: Record<string, string>;
}
