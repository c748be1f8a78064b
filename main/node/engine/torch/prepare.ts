/**
 * Everything the PyTorch engine needs before Python starts: an interpreter with torch, the
 * dataset prepared exactly as the built-in session prepares it (same seed, same split, same
 * K-fold fold), and the model compiled with Netloom's initialization to check shapes and to
 * convert weights.
 */
import type { PreparedData } from '../../../../app/data/prepare';
import { prepareData } from '../../../../app/data/prepare';
import { sourceSpecOf } from '../../../../app/data/settings';
import { err, ok, type Result } from '../../../../app/result';
import { loadedFrom, loadSource } from '../../data/index';
import {
  describeInterpreter,
  discoverPythons,
  noTorchReason,
  pickTorchPython,
  probePython,
  type PythonInterpreter,
} from '../../python/discover';
import { datasetForGraph } from '../input-shape';
import { prepareFoldData } from '../kfold-data';
import type { TrainRequest, WorkerEvent } from '../protocol';
import { checkShapes } from '../session';
import { torchWeights, type TorchWeights } from './weights';

export interface TorchPrepared {
  req: TrainRequest;
  python: PythonInterpreter;
  seed: number;
  data: PreparedData;
  weights: TorchWeights;
}

/** The interpreter: the one asked for (it must have torch), else the first discovery finds with torch. */
export async function torchInterpreter(path?: string): Promise<Result<PythonInterpreter>> {
  if (path) {
    const p = await probePython(path, 'settings');
    return p.torch ? ok(p) : err(`--python ${path}: ${p.error ?? 'no torch'}`);
  }
  const found = await discoverPythons();
  const p = pickTorchPython(found);
  return p ? ok(p) : err(noTorchReason(found));
}

export async function prepareTorchRun(
  request: TrainRequest,
  log: (e: WorkerEvent) => void,
): Promise<Result<TorchPrepared>> {
  const req = { ...request, dataset: datasetForGraph(request.dataset, request.graph) };
  const python = await torchInterpreter(req.torch?.python);
  if (!python.ok) return python;
  log({ event: 'log', message: `PyTorch engine: ${describeInterpreter(python.value)}` });
  const s = req.settings;
  const seed = s.seed ?? Math.floor(Math.random() * 2 ** 31);
  log({ event: 'log', message: `loading dataset ${req.dataset.name}` });
  const src = await loadSource(sourceSpecOf(req.dataset));
  if (!src.ok) return src;
  const from = loadedFrom(src.value);
  if (from) log({ event: 'log', message: from });
  const data = req.fold
    ? prepareFoldData(src.value, req.dataset, seed, req.fold)
    : prepareData(src.value, req.dataset, s.val_split, seed);
  if (!data.ok) return data;
  const weights = await torchWeights(req.graph, seed);
  if (!weights.ok) return weights;
  const shapeError = checkShapes(
    weights.value.compiled,
    data.value.train.shape,
    data.value.classes.length,
    req.dataset.name,
  );
  if (shapeError) {
    weights.value.compiled.model.dispose();
    return err(shapeError);
  }
  return ok({ req, python: python.value, seed, data: data.value, weights: weights.value });
}
