// Slice, SplitV and Concat for the wasm backend as strided copies in WebAssembly (simd/kernels.wat's
// copy_rows). tfjs-wasm's own run in JavaScript with one `subarray` + `set` per pixel and per
// piece: a Concat of DenseNet's features along the channels, its gradient (SplitV into every
// layer's channels) and the gradient of an explicit padding (Slice of the map's interior) cost a
// typed-array view per 32 or 64 floats. Here each is one call per output (SplitV, Concat) or per
// outer index (Slice) over contiguous runs. Only 4-byte dtypes (float32, int32) and non-empty
// tensors; everything else, and backends without the SIMD module, go to the kernels these wrap.
import {
  backend_util,
  slice_util,
  util,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { offsetOf, type WasmBackend } from './heap';
import { simdKernels, type SimdKernels } from './simd';

type Dtype = 'float32' | 'int32';
const wide = (t: TensorInfo): boolean => t.dtype === 'float32' || t.dtype === 'int32';

let enabled = true;

/** Off: tfjs-wasm's own Slice, SplitV and Concat (tests and benchmarks compare the two). */
export function setCopyKernels(on: boolean): void {
  enabled = on;
}

function kernels(backend: WasmBackend): SimdKernels | null {
  return enabled ? simdKernels(backend) : null;
}

/**
 * Copies x[begin : begin + size] (any rank) into `dst` (bytes), densely. The innermost axes that
 * are taken whole fold into one run; the axes outside the last partial one become rows, merged
 * where the inner of two is whole; a third level or more is looped here.
 */
function sliceInto(k: SimdKernels, src: number, dst: number, shape: number[], begin: number[], size: number[]): void {
  const strides = [...util.computeStrides(shape), 1];
  let d = shape.length - 1;
  while (d > 0 && size[d] === shape[d]) d--;
  let start = 0;
  for (let a = 0; a < shape.length; a++) start += begin[a] * strides[a];
  const run = size[d] * strides[d] * 4;
  // outer axes 0..d-1 as (count, stride in bytes), merged from the inside
  const outer: [number, number][] = [];
  for (let a = d - 1; a >= 0; a--) {
    const last = outer[outer.length - 1];
    if (last && size[a + 1] === shape[a + 1]) last[0] *= size[a];
    else outer.push([size[a], strides[a] * 4]);
  }
  const [rows, rowStride] = outer.shift() ?? [1, run];
  const block = rows * run;
  const loop = (level: number, from: number, to: number): number => {
    if (level < 0) {
      k.copy_rows(from, to, rows, run, rowStride, run);
      return to + block;
    }
    const [count, stride] = outer[level];
    for (let i = 0; i < count; i++) to = loop(level - 1, from + i * stride, to);
    return to;
  };
  loop(outer.length - 1, src + start * 4, dst);
}

export function makeSlice(original: KernelConfig): KernelConfig {
  const kernelFunc = ((args: {
    inputs: { x: TensorInfo };
    backend: unknown;
    attrs: { begin: number | number[]; size?: number | number[] };
  }) => {
    const { x } = args.inputs;
    const backend = args.backend as WasmBackend;
    const k = wide(x) ? kernels(backend) : null;
    if (!k) return original.kernelFunc(args as never);
    const [begin, size] = slice_util.parseSliceParams(x as never, args.attrs.begin, args.attrs.size);
    if (util.sizeFromShape(size) === 0 || slice_util.isSliceContinous(x.shape, begin, size))
      return original.kernelFunc(args as never);
    const out = backend.makeOutput(size, x.dtype as Dtype);
    sliceInto(k, offsetOf(backend, x), offsetOf(backend, out), x.shape, begin, size);
    return out;
  }) as unknown as KernelFunc;
  return { ...original, kernelFunc };
}

export function makeSplitV(original: KernelConfig): KernelConfig {
  const kernelFunc = ((args: {
    inputs: { x: TensorInfo };
    backend: unknown;
    attrs: { numOrSizeSplits: number | number[]; axis: number | number[] };
  }) => {
    const { x } = args.inputs;
    const backend = args.backend as WasmBackend;
    const k = wide(x) && util.sizeFromShape(x.shape) > 0 ? kernels(backend) : null;
    if (!k) return original.kernelFunc(args as never);
    const axis = util.parseAxisParam(args.attrs.axis, x.shape)[0];
    const sizes = backend_util.prepareSplitSize(x as never, args.attrs.numOrSizeSplits, axis);
    const rows = util.sizeFromShape(x.shape.slice(0, axis)),
      inner = util.sizeFromShape(x.shape.slice(axis + 1)) * 4;
    const outs = sizes.map((s) => {
      const shape = [...x.shape];
      shape[axis] = s;
      return backend.makeOutput(shape, x.dtype as Dtype);
    });
    let from = offsetOf(backend, x);
    sizes.forEach((s, i) => {
      if (s > 0) k.copy_rows(from, offsetOf(backend, outs[i]), rows, s * inner, x.shape[axis] * inner, s * inner);
      from += s * inner;
    });
    return outs;
  }) as unknown as KernelFunc;
  return { ...original, kernelFunc };
}

export function makeConcat(original: KernelConfig): KernelConfig {
  const kernelFunc = ((args: { inputs: TensorInfo[]; backend: unknown; attrs: { axis: number | number[] } }) => {
    const backend = args.backend as WasmBackend;
    const parts = args.inputs.filter((t) => util.sizeFromShape(t.shape) > 0);
    const k = parts.length > 1 && parts.every(wide) ? kernels(backend) : null;
    if (!k) return original.kernelFunc(args as never);
    const axis = util.parseAxisParam(args.attrs.axis, parts[0].shape)[0];
    backend_util.assertParamsConsistent(
      args.inputs.map((t) => t.shape),
      axis,
    );
    const shape = backend_util.computeOutShape(
      args.inputs.map((t) => t.shape),
      axis,
    );
    const out = backend.makeOutput(shape, parts[0].dtype as Dtype);
    const rows = util.sizeFromShape(shape.slice(0, axis));
    const outRow = util.sizeFromShape(shape.slice(axis)) * 4;
    let to = offsetOf(backend, out);
    for (const t of parts) {
      const run = util.sizeFromShape(t.shape.slice(axis)) * 4;
      k.copy_rows(offsetOf(backend, t), to, rows, run, run, outRow);
      to += run;
    }
    return out;
  }) as unknown as KernelFunc;
  return { ...original, kernelFunc };
}
