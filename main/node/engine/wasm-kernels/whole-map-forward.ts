// Conv2D and FusedConv2D on the wasm backend: where every output pixel's window covers the whole
// input (whole-map-conv.ts), one dense GEMM; ONNX Runtime's convolutions where they apply
// (ort-conv.ts: channels in whole vectors; ort-conv-nchw.ts: few input channels); where the GEMM
// runs on ONNX Runtime (ort-gemm.ts), im2col + GEMM (im2col-forward.ts); the bias and a ReLU
// applied after it. Every other case
// goes to the kernel it wraps (XNNPACK's convolution).
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { asWasm, f32 } from './heap';
import { convGeometry } from './conv-info';
import type { Pad } from './numeric-padding';
import { wholeMapApplies, wholeMapForward } from './whole-map-conv';
import { ortGemmActive } from './ort-gemm';
import { im2colForward, im2colForwardApplies } from './im2col-forward';
import { ortConvForward } from './ort-conv';
import { smallChannelConvForward } from './ort-conv-nchw';
import { tapGemmApplies, tapGemmForward } from './tap-gemm';

interface Args {
  inputs: { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  backend: unknown;
  attrs: {
    strides: number | [number, number];
    pad: Pad;
    dataFormat?: string;
    dilations?: number | [number, number];
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    activation?: string;
  };
}

export function withWholeMap(original: KernelConfig): KernelConfig {
  const kernelFunc = ((args: Args) => {
    const { x, filter, bias, preluActivationWeights } = args.inputs;
    const a = args.attrs;
    const act = a.activation ?? 'linear';
    const nhwc = a.dataFormat === undefined || a.dataFormat === 'NHWC' || a.dataFormat === 'channelsLast';
    const plain =
      nhwc &&
      (act === 'linear' || act === 'relu') &&
      preluActivationWeights === undefined &&
      x.dtype === 'float32' &&
      x.shape.length === 4 &&
      (bias === undefined || bias.shape.reduce((p, d) => p * d, 1) === filter.shape[3]);
    if (plain) {
      const g = convGeometry(x.shape, filter.shape, a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, false);
      const backend = asWasm(args.backend);
      const whole = wholeMapApplies(g);
      if (!whole) {
        const direct =
          ortConvForward(backend, x, filter, bias ?? null, act === 'relu', g) ??
          smallChannelConvForward(backend, x, filter, bias ?? null, act === 'relu', g);
        if (direct) return direct;
      }
      const taps = !whole && tapGemmApplies(g, backend);
      if (whole || taps || (ortGemmActive() && im2colForwardApplies(g))) {
        const out = whole
          ? wholeMapForward(backend, x, filter, g)
          : taps
            ? tapGemmForward(backend, x, filter, g)
            : im2colForward(backend, x, filter, g);
        if (bias !== undefined || act === 'relu') {
          const v = f32(backend, out);
          const b = bias === undefined ? null : f32(backend, bias);
          const oc = g.oc;
          for (let i = 0; i < v.length; i += oc) {
            for (let o = 0; o < oc; o++) {
              const s = b === null ? v[i + o] : v[i + o] + b[o];
              v[i + o] = act === 'relu' && !(s > 0) ? (Number.isNaN(s) ? s : 0) : s;
            }
          }
        }
        return out;
      }
    }
    return original.kernelFunc(args as never);
  }) as unknown as KernelFunc;
  return { ...original, kernelFunc };
}
