// tfjs-core 4.22 computes the output size of a numeric `pad` from the filter HEIGHT and stride
// HEIGHT for both axes (conv_util.getPadAndOutInfo). For a non-square filter or stride that size
// is wrong; on the wasm backend XNNPACK then writes the true (larger) output past the tensor
// tfjs allocated and corrupts the heap ("memory access out of bounds" from then on).
// On wasm, this module makes a numeric pad p mean what PyTorch's padding=p means: p rows on
// top and bottom and p columns left and right, i.e. the explicit [[0,0],[p,p],[p,p],[0,0]].
// The forward kernels are wrapped here; the project's gradient kernels normalize the same way.
// Also: the backend's depthwise convolution computes wrong values for pad 'same' with unequal
// strides (XNNPACK's TF-SAME flag); for depthwise kernels 'same' is passed as the explicit pads.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { backend_util } from '@tensorflow/tfjs-core';

export type Pad = 'same' | 'valid' | number | backend_util.ExplicitPadding;

export function explicitPad(pad: Pad): 'same' | 'valid' | backend_util.ExplicitPadding {
  return typeof pad === 'number'
    ? [
        [0, 0],
        [pad, pad],
        [pad, pad],
        [0, 0],
      ]
    : pad;
}

/** Forward kernels whose `pad` attribute this module rewrites. */
export const PADDED_FORWARD_KERNELS = [
  'Conv2D',
  'FusedConv2D',
  'DepthwiseConv2dNative',
  'FusedDepthwiseConv2D',
  'MaxPool',
  'AvgPool',
] as const;

interface ConvArgs {
  inputs: { x: TensorInfo; filter?: TensorInfo };
  attrs?: { pad?: Pad; strides?: number | [number, number]; dilations?: number | [number, number] };
}

function sameAsExplicit(args: ConvArgs): backend_util.ExplicitPadding {
  const { x, filter } = args.inputs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter!.shape as [number, number, number, number],
    args.attrs?.strides ?? 1,
    args.attrs?.dilations ?? 1,
    'same',
    undefined,
    true,
  );
  const { top, bottom, left, right } = info.padInfo;
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

export function withExplicitPad(original: KernelConfig): KernelConfig {
  const depthwise = original.kernelName.includes('Depthwise');
  const kernelFunc = ((args: ConvArgs) => {
    const pad = args.attrs?.pad;
    if (depthwise && pad === 'same')
      return original.kernelFunc({ ...args, attrs: { ...args.attrs, pad: sameAsExplicit(args) } } as never);
    if (typeof pad !== 'number' || pad === 0) return original.kernelFunc(args as never);
    return original.kernelFunc({ ...args, attrs: { ...args.attrs, pad: explicitPad(pad) } } as never);
  }) as unknown as KernelFunc;
  return { ...original, kernelFunc };
}
