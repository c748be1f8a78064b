/**
 * A flat WGSL program for tfjs-backend-webgpu: one invocation per output element (`index`),
 * inputs bound as storage arrays named after `inputs`, the output written with
 * `setOutputAtIndex(index, value)`. Shapes are baked into the shader as constants (and into its
 * cache key), so a kernel never depends on tfjs's coordinate helpers, which stop at rank 4 in
 * places (its PadProgram indexes a `vec6` struct and fails to compile).
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';

export interface FlatProgram {
  /** Cache key of the compiled pipeline: the kernel and every constant baked in. */
  key: string;
  inputs: string[];
  outputShape: number[];
  /** WGSL statements run for each `index` < the output size. */
  body: string;
  /** WGSL declarations placed before main (helper functions, constants). */
  helpers?: string;
}

/** The parts of tfjs's WebGPUBackend a kernel calls. */
export interface WebGpuBackendLike {
  runWebGPUProgram(program: object, inputs: TensorInfo[], outputDtype: string): TensorInfo;
}

interface DispatchUtil {
  flatDispatchLayout(shape: number[]): { x: number[] };
  computeDispatch(
    layout: { x: number[] },
    shape: number[],
    workgroup: [number, number, number],
  ): [number, number, number];
}

let util: DispatchUtil | null = null;

/** webgpu_util from tfjs-backend-webgpu, loaded with the backend (kernels/index.ts sets it). */
export function setDispatchUtil(u: DispatchUtil): void {
  util = u;
}

export function runFlat(backend: unknown, p: FlatProgram, inputs: TensorInfo[]): TensorInfo {
  if (util === null) throw new Error('WebGPU kernels: tfjs-backend-webgpu is not loaded');
  const workgroupSize: [number, number, number] = [64, 1, 1];
  const dispatchLayout = util.flatDispatchLayout(p.outputShape);
  const program = {
    variableNames: p.inputs,
    outputShape: p.outputShape,
    shaderKey: `netloom_${p.key}`,
    dispatchLayout,
    dispatch: util.computeDispatch(dispatchLayout, p.outputShape, workgroupSize),
    workgroupSize,
    size: true,
    getUserCode: () => `
      ${p.helpers ?? ''}
      fn main(index : i32) {
        if (index < uniforms.size) {
          ${p.body}
        }
      }`,
  };
  return (backend as WebGpuBackendLike).runWebGPUProgram(program, inputs, 'float32');
}

/** A WGSL constant array literal of i32. */
export function i32s(values: readonly number[]): string {
  return `array<i32, ${values.length}>(${values.map((v) => `${Math.trunc(v)}`).join(', ')})`;
}
