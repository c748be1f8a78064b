import type { OnnxImport } from '../../importers/kind-import';
import { zeroPadLayer } from '../../importers/onnx-pad';
import { err } from '../../result';

/** Pad with constant zero pads of H and W as ZeroPad2d (importers/onnx-pad.ts). */
export const onnxImport: OnnxImport = {
  ops: ['Pad'],
  convert({ attrs: a, inputs: raw, inShape, constant }) {
    if ((raw[1] && !constant(raw[1])) || (raw[2] && !constant(raw[2])) || raw[3])
      return err('only Pad with constant pads and value (no axes) is imported');
    return zeroPadLayer(
      a,
      raw[1] ? constant(raw[1]) : (a.pads as number[] | undefined),
      raw[2] ? constant(raw[2])?.[0] : (a.value as number | undefined),
      inShape,
    );
  },
};
