/** Can the network's Input take the dataset's samples? A message with the fix when not. */
import { err, ok, type Result } from '../result';
import type { SourceName } from './types';

const fmt = (s: number[]) => `[${s.join(', ')}]`;

export function checkInputShape(dataShape: number[], inputShape: number[], source: SourceName | string): Result<void> {
  if (dataShape.length === inputShape.length && dataShape.every((v, i) => v === inputShape[i])) return ok(undefined);
  const base = `dataset ${source} gives samples of shape ${fmt(dataShape)} but the network's Input takes ${fmt(inputShape)}.`;
  const count = (s: number[]) => s.reduce((a, b) => a * b, 1);
  if (source === 'folder' || String(source).startsWith('folder:')) {
    return err(
      `${base} Image folders are resized to the Input's shape: pass it as the dataset's shape ([1, H, W] grayscale or [3, H, W] RGB), or set the Input node's shape to ${fmt(dataShape)}.`,
    );
  }
  if (inputShape.length === 1 && count(dataShape) === inputShape[0]) {
    return err(
      `${base} Set the Input node's shape to ${fmt(dataShape)} and add a Flatten layer before the first Linear (${count(dataShape)} features).`,
    );
  }
  return err(`${base} Set the Input node's shape to ${fmt(dataShape)}.`);
}
