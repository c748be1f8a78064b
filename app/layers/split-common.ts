/**
 * Split and Chunk: one input cut into several outputs along one dim, as torch.split and torch.chunk
 * cut it (the last piece may be smaller). Shared by both kinds' specs and targets.
 */
import type { Shape } from '../graph/types';
import { err, ok, type Result } from '../result';
import { fmtShape } from './pyrepr';
import { batchedDim, dimRangeMessage, oneInput } from './util';

/** The most outputs one node may have: each is a handle on the canvas. */
export const MAX_OUTPUTS = 64;

/** The dim to cut, counted with the batch (1..rank), or the error as PyTorch words it. */
export function splitDim(dim: number, x: Shape): Result<number> {
  const d = batchedDim(dim, x.length);
  if (d === null)
    return err(`dim: ${dimRangeMessage(dim, x.length)}; dims count the batch dimension as 0 (1 is channels)`);
  if (d === 0) return err('dim=0 would split the batch dimension, which mixes samples: set dim to 1 (channels)');
  return ok(d);
}

/** The output shapes for pieces of these sizes along dim `d` (counted with the batch). */
function piecesOf(x: Shape, d: number, sizes: number[]): Result<Shape[]> {
  if (sizes.length > MAX_OUTPUTS)
    return err(
      `would make ${sizes.length} outputs, more than the ${MAX_OUTPUTS} a node can have: cut ${fmtShape(x)} into fewer, larger pieces`,
    );
  return ok(sizes.map((s) => x.map((v, i) => (i === d - 1 ? s : v))));
}

/** torch.split(x, split_size_or_sections, dim): pieces of split_size (the last smaller), or the listed sizes. */
export function splitShapes(inputs: Shape[], sizeOrSections: number | number[], dim: number): Result<Shape[]> {
  const x = oneInput(inputs, [1, 2, 3, 4, 5], 'a tensor');
  if (!x.ok) return x;
  const d = splitDim(dim, x.value);
  if (!d.ok) return d;
  const size = x.value[d.value - 1];
  if (typeof sizeOrSections === 'number') {
    const s = sizeOrSections;
    const n = Math.max(1, Math.ceil(size / s));
    const sizes = Array.from({ length: n }, (_, i) => Math.min(s, size - i * s));
    return piecesOf(x.value, d.value, sizes);
  }
  const sum = sizeOrSections.reduce((a, b) => a + b, 0);
  if (sum !== size)
    return err(
      `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d.value}), ` +
        `but got split_sizes=[${sizeOrSections.join(', ')}]: make the sections add up to ${size}`,
    );
  return piecesOf(x.value, d.value, sizeOrSections);
}

/** torch.chunk(x, chunks, dim): pieces of ceil(size / chunks), so there may be fewer than `chunks`. */
export function chunkShapes(inputs: Shape[], chunks: number, dim: number): Result<Shape[]> {
  const x = oneInput(inputs, [1, 2, 3, 4, 5], 'a tensor');
  if (!x.ok) return x;
  const d = splitDim(dim, x.value);
  if (!d.ok) return d;
  const size = x.value[d.value - 1];
  return splitShapes(inputs, Math.ceil(size / chunks), dim);
}

/** The size of each output along the cut dim. */
export const pieceSizes = (outs: Shape[], d: number): number[] => outs.map((s) => s[d - 1]);
