import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { upsample } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof upsample>> = {
  floats: ['scale_factor'],
  functional: fcall('F.interpolate', ['size', 'scale_factor', 'mode', 'align_corners']),
};
