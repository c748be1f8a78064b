import { splitOnnx } from '../../compiler/onnx/split';
import { chunkShapes } from '../split-common';
import type { ChunkParams } from './spec';

/** ONNX Split with the chunks' sizes (the last smaller), as torch.onnx writes torch.chunk. */
export const onnx = splitOnnx<ChunkParams>((inputs, p) => chunkShapes(inputs, p.chunks, p.dim));
