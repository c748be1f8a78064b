/**
 * An image folder has no fixed size: unless the dataset settings give `shape`, its images are
 * resized to the network's input, the shape of the graph's single Input node ([1, H, W]
 * grayscale or [3, H, W] RGB). The shape used is kept in the run's settings.json, so
 * `netloom evaluate` loads the images the same way.
 */
import type { DatasetSettings } from '../../../app/data/settings';
import type { Graph } from '../../../app/graph/types';

export function inputShapeOf(graph: Graph): number[] | null {
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  if (inputs.length !== 1) return null;
  const shape = inputs[0].params.shape;
  return Array.isArray(shape) && shape.every((v) => Number.isInteger(v) && v > 0) ? (shape as number[]) : null;
}

/** The dataset settings with an image folder's shape taken from the graph when not given. */
export function datasetForGraph(dataset: DatasetSettings, graph: Graph): DatasetSettings {
  if (dataset.name !== 'folder' || dataset.shape) return dataset;
  const shape = inputShapeOf(graph);
  return shape && shape.length === 3 ? { ...dataset, shape: shape.slice() } : dataset;
}
