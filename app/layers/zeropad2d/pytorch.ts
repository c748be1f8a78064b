import type { PytorchEntry } from '../../compiler/pytorch/entry';
import { pyValue } from '../../compiler/pytorch/pysyntax';
import { zeroPadSides, type ZeroPad2dParams } from './spec';

export const pytorch: PytorchEntry<ZeroPad2dParams> = {
  positional: ['padding'],
  // F.pad takes the 4-tuple (left, right, top, bottom) only.
  functional: ({ inputs, params }) => `F.pad(${inputs[0]}, ${pyValue(zeroPadSides(params), false)})`,
};
