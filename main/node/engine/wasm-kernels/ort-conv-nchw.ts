// Forward convolutions over few input channels (LeNet-5's 1 -> 6 and 6 -> 16, a CIFAR LeNet's
// 3 -> 6) on ONNX Runtime's plain Conv, in NCHW: MLAS writes the patch matrix of one image and
// multiplies it as W [oc, c*kh*kw] . col [c*kh*kw, oh*ow], a GEMM whose long side is the map, which
// suits a handful of output channels. These geometries fall through every other path (the NCHWc
// direct convolution of ort-conv.ts needs channels in whole vectors, im2col + GEMM 8 or more
// channels) to XNNPACK's NHWC convolution, which runs them at a fraction of the core's speed.
// One small graph per geometry (onnx-model.ts), with the layout changes inside it:
//   x [n, h, w, c] -> Transpose -> Conv(W [kh, kw, c, oc] -> Transpose to OIHW, bias) -> Relu?
//   -> Transpose -> y [n, oh, ow, oc], written straight into the output tensor (a pre-allocated fetch).
// Measured on one core, batch 64 (CPU ms, XNNPACK -> this): 1 -> 6, 5x5, padding 2 on 28x28:
// 1.39 -> 0.64; 6 -> 16, 5x5 on 14x14: 1.01 -> 0.80; 3 -> 6, 5x5 on 32x32: 2.27 -> 1.61. Where the
// output is large it is not faster (VGG's 3 -> 64 on 32x32: 8.5 either way, the output's transpose
// alone 3.6), hence the limit on output channels.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { f32, type WasmBackend } from './heap';
import type { Geometry } from './conv-info';
import { onnxModel } from './onnx-model';
import { padsFor, runConvGraph } from './ort-conv';

let mode: 'auto' | 'always' | 'off' = 'auto';

/** 'auto': where measured faster (smallChannelPreferred); 'always': wherever it applies (tests); 'off': never. */
export function setSmallChannelConv(m: 'auto' | 'always' | 'off'): void {
  mode = m;
}

/** Few input channels, not in whole vectors, and few output channels (see the file's head). */
function smallChannelPreferred(g: Geometry): boolean {
  if (mode === 'always') return true;
  return g.c < 8 && g.c % 4 !== 0 && g.oc <= 32 && g.sh === 1 && g.sw === 1;
}

/** What a graph is made for (its session's key): the geometry without the map's size, pads, bias, ReLU. */
type Spec = Pick<Geometry, 'c' | 'oc' | 'kh' | 'kw' | 'sh' | 'sw' | 'dh' | 'dw'> & {
  pads: [number, number, number, number];
  bias: boolean;
  relu: boolean;
};

function model(s: Spec): Uint8Array {
  const convInputs = s.bias ? ['xc', 'wc', 'b'] : ['xc', 'wc'];
  const inputs = [
    { name: 'x', dims: ['n', 'h', 'w', s.c] },
    { name: 'w', dims: [s.kh, s.kw, s.c, s.oc] },
  ];
  if (s.bias) inputs.push({ name: 'b', dims: [s.oc] });
  return onnxModel({
    nodes: [
      { op: 'Transpose', inputs: ['x'], outputs: ['xc'], attrs: { perm: [0, 3, 1, 2] } },
      { op: 'Transpose', inputs: ['w'], outputs: ['wc'], attrs: { perm: [3, 2, 0, 1] } },
      {
        op: 'Conv',
        inputs: convInputs,
        outputs: [s.relu ? 'yc' : 'ya'],
        attrs: {
          kernel_shape: [s.kh, s.kw],
          strides: [s.sh, s.sw],
          dilations: [s.dh, s.dw],
          pads: [s.pads[0], s.pads[1], s.pads[2], s.pads[3]],
        },
      },
      ...(s.relu ? [{ op: 'Relu', inputs: ['yc'], outputs: ['ya'] }] : []),
      { op: 'Transpose', inputs: ['ya'], outputs: ['y'], attrs: { perm: [0, 2, 3, 1] } },
    ],
    inputs,
    outputs: [{ name: 'y', dims: null }],
    opsets: { '': 13 },
  });
}

/**
 * conv2d(x, filter) + bias, then ReLU if asked, [n, oh, ow, oc] for the small-channel geometries
 * (see smallChannelPreferred); null where it does not apply or ONNX Runtime is off or missing
 * (the caller falls back).
 */
export function smallChannelConvForward(
  backend: WasmBackend,
  x: TensorInfo,
  filter: TensorInfo,
  bias: TensorInfo | null,
  relu: boolean,
  g: Geometry,
): TensorInfo | null {
  if (mode === 'off' || !smallChannelPreferred(g)) return null;
  const pads = padsFor(g);
  if (pads === null) return null;
  const spec: Spec = {
    c: g.c,
    oc: g.oc,
    kh: g.kh,
    kw: g.kw,
    sh: g.sh,
    sw: g.sw,
    dh: g.dh,
    dw: g.dw,
    pads,
    bias: bias !== null,
    relu,
  };
  const xShape = [g.n, g.h, g.w, g.c];
  return runConvGraph(
    backend,
    `nchw-conv:${JSON.stringify(spec)}`,
    () => model(spec),
    [g.n, g.oh, g.ow, g.oc],
    (T) => ({
      x: new T('float32', f32(backend, { ...x, shape: xShape }), xShape),
      w: new T('float32', f32(backend, filter), [g.kh, g.kw, g.c, g.oc]),
      ...(bias ? { b: new T('float32', f32(backend, bias), [g.oc]) } : {}),
    }),
  );
}
