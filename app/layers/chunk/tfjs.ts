import { splitConverter } from '../../compiler/tfjs/convert/split';
import { chunkShapes } from '../split-common';
import type { ChunkParams } from './spec';

/** Chunk: one TorchSplit layer with a tensor per piece (custom/split.ts). */
export const chunk = splitConverter<ChunkParams>((inputs, p) => chunkShapes(inputs, p.chunks, p.dim));
