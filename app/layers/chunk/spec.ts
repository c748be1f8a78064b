import { z } from 'zod';
import { err, ok } from '../../result';
import { dim, posInt } from '../fields';
import type { LayerSpec } from '../spec';
import { chunkShapes } from '../split-common';

const schema = z.strictObject({
  // torch.chunk has no default for it; the palette starts at 2.
  chunks: posInt('must be a positive integer (the number of pieces)'),
  // torch.chunk's default dim 0 is the batch, which Netloom never splits: 1 (channels) here.
  dim: dim().default(1),
});
export type ChunkParams = z.infer<typeof schema>;

export const chunk: LayerSpec<ChunkParams> = {
  type: 'Chunk',
  category: 'reshape',
  description:
    'Cuts a tensor along dim into `chunks` pieces of equal size, the last smaller (torch.chunk); one output per piece.',
  inputs: { min: 1, max: 1 },
  schema,
  inferOutputs: (inputs, p) => chunkShapes(inputs, p.chunks, p.dim),
  inferShape(inputs, p) {
    const r = chunkShapes(inputs, p.chunks, p.dim);
    return r.ok ? ok(r.value[0]) : err(r.error);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `Chunk(chunks=${p.chunks}, dim=${p.dim})`,
  summary: (p) => `${p.chunks}${p.dim === 1 ? '' : `, dim=${p.dim}`}`,
  isModule: false,
  help: {
    summary:
      'Cuts its input along dim into chunks pieces, as torch.chunk does: each piece has ceil(size / chunks) entries and the last one the rest, so 10 channels in 4 chunks give 3, 3, 3 and 1, and there may be fewer pieces than asked (6 channels in 4 chunks give 3 pieces of 2, as in PyTorch). Each piece is its own output handle, numbered from 0. ShuffleNetV2 uses x.chunk(2, dim=1) to send half the channels through a branch. No weights.',
    params: {
      chunks:
        'How many pieces to cut dim into (at most; see above). torch.chunk has no default; a new node starts at 2.',
      dim: 'Dimension cut, counting the batch as 0 (default 1, the channels; torch.chunk defaults to 0, the batch, which a layer never cuts).',
    },
  },
};
