/**
 * A tfjs IOHandler on the file system (tfjs's own `file://` needs tfjs-node): model.json with
 * the topology and a weights manifest, plus weights.bin. Writes go through a temporary file and
 * a rename, so a crash never leaves half a checkpoint.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../reliability/atomic-sync';
import { join } from 'node:path';
import type { io } from '@tensorflow/tfjs-core';

function atomicWrite(path: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  writeFileAtomicSync(path, data);
}

/** The weight data as byte views, without copying (weights.bin is their concatenation). */
function weightParts(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array[] {
  if (!data) return [];
  return (Array.isArray(data) ? data : [data]).map((p) => new Uint8Array(p));
}

export function fsSaveHandler(dir: string, extra: Record<string, unknown> = {}): io.IOHandler {
  return {
    async save(artifacts: io.ModelArtifacts): Promise<io.SaveResult> {
      mkdirSync(dir, { recursive: true });
      const weights = weightParts(artifacts.weightData as ArrayBuffer | ArrayBuffer[] | undefined);
      atomicWrite(join(dir, 'weights.bin'), weights);
      const modelJson = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: 'netloom',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: { netloom: extra },
      };
      atomicWrite(join(dir, 'model.json'), JSON.stringify(modelJson));
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
  const data = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
  return { specs: group.weights, data, metadata: json.userDefinedMetadata?.netloom ?? {} };
}
