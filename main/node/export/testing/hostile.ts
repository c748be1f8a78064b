/**
 * A network whose names try to become code in the generated Python: a module named
 * `__import__('os')`, names with quotes, backslashes, newlines and unicode, a root class name that
 * is not an identifier. The export must keep every name as data (state_dict keys equal the app's).
 */
import type { Graph } from '../../../../app/graph/types';
import { GraphBuilder } from '../../../../app/templates/builder';

export const HOSTILE_NAMES = ["__import__('os')", "x'); import os #", 'a\\b"c', 'üñí', '0', 'class'];

export function hostileGraph(): Graph {
  const b = new GraphBuilder("Net'); __import__('os').system('echo pwned'); #");
  const x = b.input([2, 6, 6]);
  const evil = b.module("__import__('os')", 'Module', { className: "Evil'); import os #" });
  const seq = b.module("x'); import os #", 'Sequential', { parent: evil });
  const c1 = b.layer('Conv2d', { out_channels: 3, kernel_size: 3, padding: 1 }, x, { parent: seq, name: 'a\\b"c' });
  const r1 = b.layer('ReLU', {}, c1, { parent: seq, name: 'üñí' });
  const c2 = b.layer('Conv2d', { out_channels: 3, kernel_size: 1 }, r1, { parent: evil, name: '0' });
  const bn = b.layer('BatchNorm2d', {}, c2, { parent: evil, name: 'class' });
  const s = b.layer('Add', {}, [bn, r1], { parent: evil, functional: true });
  const r2 = b.layer('ReLU', {}, s, { parent: evil, shares: r1 });
  const p = b.layer('MaxPool2d', { kernel_size: 2 }, r2, { functional: true });
  const f = b.layer('Flatten', {}, p, { functional: true });
  b.layer('Linear', { out_features: 4 }, f, { name: 'def' });
  return b.build();
}
