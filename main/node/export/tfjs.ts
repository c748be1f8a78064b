/**
 * The TensorFlow.js export: model.json + weights.bin, written by the app's own save handler
 * (runs/io-handler: tfjs's `file://` needs tfjs-node). Inputs are NCHW as in PyTorch: the model
 * permutes to NHWC inside. Loading needs the project's custom layer classes registered first:
 * `customLayers(tf)` from app/compiler/tfjs (`customClassNames(tf)` lists them). With the graph given, the
 * metadata also holds the Netloom project (`netloom.project`, without its runs), from which an
 * import rebuilds the same graph once it has checked that the project compiles to this very
 * topology (import.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { LayersModel, Tf } from '../../../app/compiler/tfjs/tf';
import { serializeProject } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import { customClassNames, customLayers } from '../../../app/compiler/tfjs/custom';
import { cpuTf } from './tf-cpu';
import { err, ok, type Result } from '../../../app/result';
import { fsSaveHandler } from '../runs/io-handler';

export async function writeTfjs(
  compiled: CompiledModel,
  outDir: string,
  meta: Record<string, unknown> = {},
  graph?: Graph,
): Promise<Result<string[]>> {
  try {
    const custom = new Set(customClassNames(await cpuTf()));
    const used = [...new Set(compiled.model.layers.map((l) => l.getClassName()).filter((c) => custom.has(c)))];
    await compiled.model.save(
      fsSaveHandler(outDir, {
        ...meta,
        layout: 'inputs and outputs in PyTorch order (NCHW); the model permutes to NHWC inside',
        inputShapes: compiled.inputShapes,
        outputShapes: compiled.outputShapes,
        customClasses: used,
        ...(graph ? { project: JSON.parse(serializeProject({ ...graph, runs: undefined })) } : {}),
      }),
    );
  } catch (e) {
    return err(`TensorFlow.js export failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  return ok([join(outDir, 'model.json'), join(outDir, 'weights.bin')]);
}

/** Loads an exported model.json + weights.bin through an in-memory IOHandler (no tfjs-node needed). */
export async function loadTfjsFolder(tf: Tf, dir: string): Promise<Result<LayersModel>> {
  let json: { modelTopology?: unknown; weightsManifest?: { paths: string[]; weights: unknown[] }[] };
  const file = join(dir, 'model.json');
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return err(`${file} is not a readable model.json: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const group = json.weightsManifest?.[0];
  if (!json.modelTopology || !group || !Array.isArray(group.paths))
    return err(`${file} has no modelTopology or weightsManifest: it is not a TensorFlow.js layers model`);
  let bin: Buffer;
  try {
    bin = Buffer.concat(group.paths.map((p) => readFileSync(join(dir, String(p).replace(/^.*[\\/]/, '')))));
  } catch (e) {
    return err(`weights of ${file} cannot be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const specs = json.weightsManifest?.flatMap(
    (g) => g.weights,
  ) as import('@tensorflow/tfjs-core').io.WeightsManifestEntry[];
  const sizes: Record<string, number> = { float32: 4, int32: 4, bool: 1 };
  const expected = (specs as unknown as { shape: number[]; dtype: string }[]).reduce(
    (a, s) => a + s.shape.reduce((x, y) => x * y, 1) * (sizes[s.dtype] ?? 4),
    0,
  );
  if (expected !== bin.length)
    return err(
      `weights of ${file} have ${bin.length} bytes, the manifest needs ${expected}: the files do not belong together`,
    );
  customLayers(tf);
  registerTfjsAliases(tf);
  try {
    const data = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology as object, weightSpecs: specs, weightData: data }),
    );
    return ok(model);
  } catch (e) {
    return err(
      `${file} cannot be loaded by TensorFlow.js: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
}

/**
 * tfjs-layers 4.22 saves GELU's tanh form as activation 'gelu_new' but reads the name back as
 * 'geluNew', which it does not know; make 'geluNew' an alias of the registered 'gelu_new'.
 */
export function registerTfjsAliases(tf: Tf): void {
  const map = (tf.serialization.SerializationMap.getMap() as unknown as { classNameMap: Record<string, unknown> })
    .classNameMap;
  if (map.gelu_new && !map.geluNew) map.geluNew = map.gelu_new;
}
