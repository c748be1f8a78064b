import { splitConverter } from '../../compiler/tfjs/convert/split';
import { splitShapes } from '../split-common';
import type { SplitParams } from './spec';

/** Split: one TorchSplit layer with a tensor per piece (custom/split.ts). */
export const split = splitConverter<SplitParams>((inputs, p) => splitShapes(inputs, p.split_size_or_sections, p.dim));
