/**
 * The placeholder `netloom import --partial` puts where an ONNX operator has no Netloom kind: it
 * keeps the operator's output shape as the file records it, so the layers after it still infer
 * their shapes, and it always carries an error (`problem`) naming it by its module path (the
 * importer names it from the ONNX node: `/layer1/Erf` is `layer1.erf`), the operator, the ONNX
 * node, its input and output shapes and the closest kinds, the first that keeps the shape offered
 * as a one-click replacement, so the canvas shows it red and compile, export and train refuse the
 * graph until it is replaced. It is not a layer a person picks: not in LAYERS (the palette, the layer docs,
 * the targets), only known to getLayer so that a project holding one loads and analyzes.
 */
import { z } from 'zod';
import { err, ok } from '../../result';
import type { LayerSpec } from '../spec';

const schema = z.strictObject({
  op: z.string().min(1).describe('must be the ONNX operator type, as "Erf"'),
  onnx_node: z.string().describe('must be the ONNX node name'),
  output_shape: z
    .array(z.number().int().positive())
    .min(1)
    .describe('must be the per-sample output shape the file records, as [8, 4, 4]'),
  closest: z.array(z.string()).default([]).describe('must be a list of layer kinds'),
});

export type UnsupportedParams = z.infer<typeof schema>;

export const UNSUPPORTED_TYPE = 'Unsupported';

export const unsupported: LayerSpec<UnsupportedParams> = {
  type: UNSUPPORTED_TYPE,
  category: 'reshape',
  description: 'An ONNX operator the importer could not map (netloom import --partial): replace it.',
  inputs: { min: 1, max: 16 },
  schema,
  inferShape(inputs, p) {
    if (inputs.length === 0) return err(`needs the input of ONNX node ${p.onnx_node}: connect it`);
    return ok(p.output_shape.slice());
  },
  // Named as a person reads it: the analyzer puts the module path first (`Unsupported layer1.erf: ...`).
  problem: (p, inputs) => ({
    message:
      `ONNX operator ${p.op} (node ${p.onnx_node}) has no Netloom kind; it takes ${inputs.map((s) => `[${s.join(', ')}]`).join(' and ')} and gives [${p.output_shape.join(', ')}] per sample: ` +
      `replace this placeholder with a layer that computes ${p.op}` +
      (p.closest.length ? ` (closest kinds: ${p.closest.join(', ')})` : ''),
    replaceWith: p.closest,
  }),
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `Unsupported(op='${p.op}')`,
  summary: (p) => p.op,
  isModule: true,
  help: {
    summary:
      'A placeholder left by netloom import --partial where the ONNX file has an operator Netloom cannot map. It keeps the shape the file records so the rest of the network analyzes, but the graph cannot be compiled, exported or trained until you replace it with a layer.',
    params: {
      op: 'The ONNX operator type (Erf, Hardmax, ...).',
      onnx_node: 'The name of the node in the ONNX file.',
      output_shape: 'The per-sample output shape recorded in the file (value_info or the graph outputs).',
      closest: 'The Netloom kinds that compute something alike or are spelt alike.',
    },
  },
};
