import { fcall, type PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { adaptiveMaxPool2d as spec } from './spec';

export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = {
  functional: fcall('F.adaptive_max_pool2d', ['output_size']),
};
