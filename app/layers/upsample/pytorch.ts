import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';

export const pytorch: PytorchEntry = {
  floats: ['scale_factor'],
  functional: fcall('F.interpolate', ['size', 'scale_factor', 'mode', 'align_corners']),
};
