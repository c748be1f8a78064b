// Project file and edit-operation speed on DenseNet-121 (432 nodes) and a 10,000-node chain
// (run: npx tsx scripts/bench-graph.ts). Not a test: the numbers go to docs/PERFORMANCE.md ("Project files and edits").
import { begin, commit, createHistory, end, undo } from '../app/graph/history';
import * as ops from '../app/graph/ops';
import { parseProjectText, serializeProject } from '../app/graph/schema';
import type { Graph } from '../app/graph/types';
import { buildTemplate } from '../app/templates/index';

function median(f: () => unknown, runs: number): string {
  for (let i = 0; i < Math.min(5, runs); i++) f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    xs.push(performance.now() - t0);
  }
  xs.sort((a, b) => a - b);
  return `${xs[Math.floor(xs.length / 2)].toFixed(2)} ms (min ${xs[0].toFixed(2)})`;
}

const built = buildTemplate('densenet121');
if (!built.ok) throw new Error(built.error);
const dense = built.value;
const chain: Graph = {
  format: 'netloom',
  version: 1,
  name: 'Chain',
  modules: [],
  nodes: Array.from({ length: 10_000 }, (_, i) => ({
    id: `n${i}`,
    type: i ? 'ReLU' : 'Input',
    params: i ? {} : { shape: [8] },
    position: { x: 0, y: i * 80 },
  })),
  edges: Array.from({ length: 9_999 }, (_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}` })),
};
const ids = dense.nodes.map((n) => n.id);
const rows: [string, string][] = [];
for (const [name, g] of [
  ['DenseNet-121', dense],
  ['10,000-node chain', chain],
] as const) {
  const text = serializeProject(g);
  rows.push([
    `${name}: serializeProject (${(text.length / 1024).toFixed(0)} KiB)`,
    median(() => serializeProject(g), 30),
  ]);
  rows.push([
    `${name}: parseProjectText (JSON, migrate, zod, integrity)`,
    median(() => parseProjectText(text, 'x.netloom.json'), 30),
  ]);
}
rows.push([
  'DenseNet-121: moveNodes (one drag frame)',
  median(() => ops.moveNodes(dense, { [ids[9]]: { x: 1, y: 2 } }), 200),
]);
const firstConcat = dense.nodes.find((n) => n.type === 'Concat')?.id ?? '';
const cycle = ops.canConnect(dense, ids[ids.length - 1], firstConcat);
if (cycle.ok) throw new Error('expected a cycle refusal');
rows.push([
  'DenseNet-121: canConnect last layer -> first Concat (refused after a full cycle search)',
  median(() => ops.canConnect(dense, ids[ids.length - 1], firstConcat), 200),
]);
rows.push(['DenseNet-121: duplicate all 432 nodes', median(() => ops.duplicate(dense, ids), 30)]);
rows.push(['DenseNet-121: removeNodes (one node)', median(() => ops.removeNodes(dense, [ids[5]]), 100)]);
rows.push([
  'DenseNet-121: a 60-frame drag in one transaction, then undo',
  median(() => {
    let h = begin(createHistory(dense));
    for (let f = 0; f < 60; f++) h = commit(h, ops.moveNodes(h.present, { [ids[9]]: { x: f, y: f } }));
    return undo(end(h));
  }, 30),
]);
for (const [what, t] of rows) console.log(`| ${what} | ${t} |`);
