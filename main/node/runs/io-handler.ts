/**
 * A tfjs IOHandler on the file system (tfjs's own `file://` needs tfjs-node): model.json with
 * the topology and a weights manifest, plus weights.bin. Writes go through a temporary file and
 * a rename, so a crash never leaves half a checkpoint.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomicFromParts, writeFileAtomicSync } from '../reliability/atomic-sync';
import { join } from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import { version_layers } from '@tensorflow/tfjs-layers';
import type { LayersModel } from '../../../app/compiler/tfjs/tf';
import { heapViews, readBytes } from './tensor-bytes';

function atomicWrite(path: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  writeFileAtomicSync(path, data);
}

/** The weight data as byte views, without copying (weights.bin is their concatenation). */
function weightParts(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array[] {
  if (!data) return [];
  return (Array.isArray(data) ? data : [data]).map((p) => new Uint8Array(p));
}

function modelJson(artifacts: io.ModelArtifacts, extra: Record<string, unknown>): string {
  return JSON.stringify({
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: 'netloom',
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
    userDefinedMetadata: { netloom: extra },
  });
}

/**
 * The files `model.save(fsSaveHandler(dir, extra))` writes, byte for byte, with the weights
 * written one tensor at a time: tfjs's save reads every weight at once and concatenates them
 * (two copies of the model in memory, 90 MB for ResNet-18, at every checkpoint). On wasm the
 * bytes are written from the heap itself, elsewhere each weight is read when it is written.
 */
export async function saveModelStreamed(
  model: LayersModel,
  dir: string,
  extra: Record<string, unknown>,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const weights = model.weights;
  for (const w of weights) {
    if (w.dtype !== 'float32' && w.dtype !== 'int32' && w.dtype !== 'bool') {
      throw new Error(`Unsupported dtype in weight '${w.originalName}': ${w.dtype}`);
    }
  }
  const tensors = weights.map((w) => w.read());
  // On wasm straight from the heap (nothing is allocated between taking the views and writing them).
  const views = heapViews(tensors);
  if (views) writeFileAtomicSync(join(dir, 'weights.bin'), views);
  else await writeFileAtomicFromParts(join(dir, 'weights.bin'), readBytes(tensors));
  const artifacts: io.ModelArtifacts = {
    modelTopology: model.toJSON(null, false) as object,
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${version_layers}`,
    weightSpecs: weights.map((w) => ({ name: w.originalName, shape: [...w.shape] as number[], dtype: w.dtype })),
  };
  atomicWrite(join(dir, 'model.json'), modelJson(artifacts, extra));
}

export function fsSaveHandler(dir: string, extra: Record<string, unknown> = {}): io.IOHandler {
  return {
    async save(artifacts: io.ModelArtifacts): Promise<io.SaveResult> {
      mkdirSync(dir, { recursive: true });
      const weights = weightParts(artifacts.weightData as ArrayBuffer | ArrayBuffer[] | undefined);
      atomicWrite(join(dir, 'weights.bin'), weights);
      atomicWrite(join(dir, 'model.json'), modelJson(artifacts, extra));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weights.reduce((a, p) => a + p.byteLength, 0),
        },
      };
    },
  };
}

export interface LoadedWeights {
  specs: io.WeightsManifestEntry[];
  data: ArrayBuffer;
  metadata: Record<string, unknown>;
}

/** Read a checkpoint folder written by fsSaveHandler; throws with the file name when unreadable. */
export function readCheckpoint(dir: string): LoadedWeights {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
    weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
    userDefinedMetadata?: { netloom?: Record<string, unknown> };
  };
  const group = json.weightsManifest[0];
  const bin = readFileSync(join(dir, group.paths[0]));
  // A file larger than Node's buffer pool has an ArrayBuffer of its own: use it instead of a copy.
  const whole = bin.byteOffset === 0 && bin.byteLength === bin.buffer.byteLength;
  const data = (whole ? bin.buffer : bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)) as ArrayBuffer;
  return { specs: group.weights, data, metadata: json.userDefinedMetadata?.netloom ?? {} };
}
