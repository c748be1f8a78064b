/**
 * PadV2 of any rank for the webgpu backend. tfjs-backend-webgpu's PadProgram fails to compile
 * above rank 4 (it indexes a `vec6` struct) and reads only four coordinates at rank 5; the
 * project's dilated Conv2d spreads its kernel with a rank-6 pad, forward and backward. Ranks up
 * to 4 keep tfjs's own kernel; above, one WGSL invocation per output element maps its
 * coordinates back into x, or writes the constant.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { i32s, runFlat } from './program';

interface Attrs {
  paddings: [number, number][];
  constantValue: number;
}

export function padProgram(xShape: number[], paddings: [number, number][], constantValue: number) {
  const rank = xShape.length;
  const outShape = xShape.map((d, i) => paddings[i][0] + d + paddings[i][1]);
  const body = `
    var rest = index;
    var src = 0;
    var inside = true;
    for (var k = ${rank - 1}; k >= 0; k--) {
      let c = rest % OUT[k] - BEFORE[k];
      rest = rest / OUT[k];
      if (c < 0 || c >= XS[k]) { inside = false; }
      src = src + c * XSTRIDE[k];
    }
    if (inside) { setOutputAtIndex(index, x[src]); } else { setOutputAtIndex(index, ${Number(constantValue).toExponential()}); }`;
  const strides = xShape.map((_, i) => xShape.slice(i + 1).reduce((a, b) => a * b, 1));
  const helpers = `
    const OUT = ${i32s(outShape)};
    const XS = ${i32s(xShape)};
    const BEFORE = ${i32s(paddings.map((p) => p[0]))};
    const XSTRIDE = ${i32s(strides)};`;
  return {
    key: `pad_${xShape.join('x')}_${paddings.flat().join('_')}_${constantValue}`,
    inputs: ['x'],
    outputShape: outShape,
    body,
    helpers,
  };
}

export function makePadV2(original: KernelConfig | undefined): KernelConfig {
  const kernelFunc = ((args: { inputs: { x: TensorInfo }; backend: unknown; attrs: Attrs }) => {
    const { x } = args.inputs;
    if (x.shape.length <= 4 && original) return original.kernelFunc(args as never);
    if (x.dtype !== 'float32') throw new Error(`PadV2 on WebGPU above rank 4 takes float32, got ${x.dtype}`);
    const { paddings, constantValue } = args.attrs;
    return runFlat(args.backend, padProgram(x.shape, paddings, constantValue), [x]);
  }) as unknown as KernelFunc;
  return { kernelName: 'PadV2', backendName: 'webgpu', kernelFunc };
}
