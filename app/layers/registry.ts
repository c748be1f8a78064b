import type { z } from 'zod';
import { err, ok, type Result } from '../result';
import { adaptiveAvgPool2d } from './adaptiveavgpool2d/spec';
import { add } from './add/spec';
import { avgPool2d } from './avgpool2d/spec';
import { batchNorm1d } from './batchnorm1d/spec';
import { batchNorm2d } from './batchnorm2d/spec';
import { concat } from './concat/spec';
import { conv2d } from './conv2d/spec';
import { dropout } from './dropout/spec';
import { dropout2d } from './dropout2d/spec';
import { elu } from './elu/spec';
import { flatten } from './flatten/spec';
import { gelu } from './gelu/spec';
import { hardsigmoid } from './hardsigmoid/spec';
import { hardswish } from './hardswish/spec';
import { identity } from './identity/spec';
import { input } from './input/spec';
import { leakyRelu } from './leakyrelu/spec';
import { linear } from './linear/spec';
import { localResponseNorm } from './localresponsenorm/spec';
import { logSoftmax } from './logsoftmax/spec';
import { mean } from './mean/spec';
import { maxPool2d } from './maxpool2d/spec';
import { mish } from './mish/spec';
import { prelu } from './prelu/spec';
import { mul } from './mul/spec';
import { relu } from './relu/spec';
import { relu6 } from './relu6/spec';
import { sigmoid } from './sigmoid/spec';
import { silu } from './silu/spec';
import { softmax } from './softmax/spec';
import { softplus } from './softplus/spec';
import type { AnyLayerSpec } from './spec';
import { tanh } from './tanh/spec';
import { upsample } from './upsample/spec';
import { zeroPad2d } from './zeropad2d/spec';
import { convTranspose2d } from './convtranspose2d/spec';
import { conv1d } from './conv1d/spec';
import { maxPool1d } from './maxpool1d/spec';
import { avgPool1d } from './avgpool1d/spec';
import { adaptiveAvgPool1d } from './adaptiveavgpool1d/spec';
import { adaptiveMaxPool1d } from './adaptivemaxpool1d/spec';
import { adaptiveMaxPool2d } from './adaptivemaxpool2d/spec';
import { layerNorm } from './layernorm/spec';
import { groupNorm } from './groupnorm/spec';
import { instanceNorm2d } from './instancenorm2d/spec';
import { channelShuffle } from './channelshuffle/spec';
import { unflatten } from './unflatten/spec';
import { pixelShuffle } from './pixelshuffle/spec';
import { permute } from './permute/spec';
import { split } from './split/spec';
import { chunk } from './chunk/spec';
import { unsupported } from './unsupported/spec';

/**
 * Every layer kind, in palette order: the one list of kinds. Adding a kind: one folder
 * `app/layers/<kind>/`, its import line and its entry here, then `npm run layers:gen`, which
 * generates targets-index.ts (the kinds' targets, which targets.ts orders as LAYERS) and the layer docs
 * from this list (see docs/ARCHITECTURE.md).
 *
 * Conventions every spec follows: shapes are per sample in PyTorch order (no batch dim); dims in
 * params count the batch dim as 0; inferred counts (in_channels, in_features, num_features) are
 * null unless the user gave them, and a given one that disagrees with the input is an error with
 * a setParam fix. MACs per sample: Conv2d = output elements x in_channels/groups x kh x kw,
 * Linear = in_features x out_features; bias adds, normalization, pooling, activations and merges
 * count 0. Parameter counts are parameters() only; buffers are listed but not counted.
 */
export const LAYERS: AnyLayerSpec[] = [
  input,
  conv2d,
  maxPool2d,
  avgPool2d,
  adaptiveAvgPool2d,
  batchNorm1d,
  batchNorm2d,
  localResponseNorm,
  relu,
  relu6,
  leakyRelu,
  prelu,
  elu,
  gelu,
  silu,
  hardswish,
  hardsigmoid,
  mish,
  softplus,
  sigmoid,
  tanh,
  softmax,
  logSoftmax,
  dropout,
  dropout2d,
  linear,
  flatten,
  mean,
  upsample,
  zeroPad2d,
  identity,
  add,
  concat,
  mul,
  convTranspose2d,
  conv1d,
  maxPool1d,
  avgPool1d,
  adaptiveAvgPool1d,
  adaptiveMaxPool2d,
  adaptiveMaxPool1d,
  layerNorm,
  groupNorm,
  instanceNorm2d,
  channelShuffle,
  unflatten,
  pixelShuffle,
  permute,
  split,
  chunk,
];

/**
 * Kinds a project may hold that are not in LAYERS (not in the palette, no targets): the placeholder
 * of an ONNX operator `netloom import --partial` could not map (unsupported/spec.ts).
 */
export const HIDDEN_LAYERS: AnyLayerSpec[] = [unsupported];

const byType = new Map([...LAYERS, ...HIDDEN_LAYERS].map((s) => [s.type, s]));

export function getLayer(type: string): AnyLayerSpec | undefined {
  return byType.get(type);
}

/** The sentence ending of a field ("must be a positive integer or a pair"), found through default/nullable wrappers. */
function fieldHelp(schema: z.ZodType, field: string): string | undefined {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  let s: z.ZodType | undefined = shape?.[field];
  for (let i = 0; s && i < 5; i++) {
    if (s.description) return s.description;
    s = (s as unknown as { _zod: { def: { innerType?: z.ZodType } } })._zod.def.innerType;
  }
  return undefined;
}

function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') return String(v);
  try {
    const t = JSON.stringify(v);
    return t === undefined ? String(v) : t.length > 60 ? `${t.slice(0, 57)}...` : t;
  } catch {
    return String(v);
  }
}

/**
 * Validates a node's params and fills PyTorch's defaults. The error names the layer, the node
 * (when given) and the field: "Conv2d conv1: kernel_size must be a positive integer or a pair, got -3".
 */
export function parseParams(type: string, params: unknown, nodeName?: string): Result<Record<string, unknown>> {
  const who = nodeName ? `${type} ${nodeName}` : type;
  const spec = getLayer(type);
  if (!spec) return err(`${who}: unknown layer type "${type}"; known types: ${LAYERS.map((s) => s.type).join(', ')}`);
  const raw = params === undefined || params === null ? {} : params;
  if (typeof raw !== 'object' || Array.isArray(raw))
    return err(`${who}: params must be an object, got ${showValue(raw)}`);
  const r = spec.schema.safeParse(raw);
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys((spec.schema as unknown as { shape?: Record<string, unknown> }).shape ?? {});
    return err(
      `${who}: unknown parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}; ` +
        (known.length ? `${type} takes ${known.join(', ')}` : `${type} takes no parameters`),
    );
  }
  const field = String(issue.path[0] ?? '');
  const value = (raw as Record<string, unknown>)[field];
  const help = fieldHelp(spec.schema, field) ?? issue.message;
  if (value === undefined) return err(`${who}: ${field} is required (${help.replace(/^must be /, '')})`);
  return err(`${who}: ${field} ${help}, got ${showValue(value)}`);
}
