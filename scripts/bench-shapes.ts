// Shape inference speed on a 500-node graph (run: npx tsx scripts/bench-shapes.ts).
// Not a test: the numbers go to docs/PERFORMANCE.md ("Shape inference").
import type { Graph, GraphEdge, GraphNode } from '../app/graph/types';
import { analyzeGraph } from '../app/shapes/analyze';

function residualNet(blocks: number): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const at = { x: 0, y: 0 };
  const node = (type: string, params: Record<string, unknown>, from: string[]): string => {
    const id = `n${nodes.length}`;
    nodes.push({ id, type, params, position: at });
    from.forEach((s, port) =>
      edges.push({ id: `e${edges.length}`, source: s, target: id, ...(port ? { targetPort: port } : {}) }),
    );
    return id;
  };
  let x = node('Input', { shape: [64, 56, 56] }, []);
  for (let b = 0; b < blocks; b++) {
    const c1 = node('Conv2d', { out_channels: 64, kernel_size: 3, padding: 1, bias: false }, [x]);
    const r1 = node('ReLU', { inplace: true }, [node('BatchNorm2d', {}, [c1])]);
    const b2 = node('BatchNorm2d', {}, [
      node('Conv2d', { out_channels: 64, kernel_size: 3, padding: 1, bias: false }, [r1]),
    ]);
    x = node('Dropout2d', { p: 0.1 }, [node('ReLU', {}, [node('Add', {}, [b2, x])])]);
  }
  const y = node('Flatten', {}, [node('AdaptiveAvgPool2d', { output_size: 1 }, [x])]);
  node('Linear', { out_features: 10 }, [y]);
  return { format: 'netloom', version: 1, name: 'Bench', nodes, edges, modules: [] };
}

const g = residualNet(62);
const stats = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  const q = (f: number) => s[Math.floor(s.length * f)].toFixed(3);
  return `min ${s[0].toFixed(3)} ms, median ${q(0.5)} ms, p75 ${q(0.75)} ms, p95 ${q(0.95)} ms`;
};
const clone = (x: Graph): Graph => JSON.parse(JSON.stringify(x)) as Graph;
for (let i = 0; i < 50; i++) analyzeGraph(clone(g)); // warm up the JIT

const cpu0 = process.cpuUsage();
const cold: number[] = [];
for (let i = 0; i < 200; i++) {
  const fresh = clone(g); // new params objects: nothing cached
  const t = performance.now();
  analyzeGraph(fresh);
  cold.push(performance.now() - t);
}
const cpuCold = process.cpuUsage(cpu0);
const cpu1 = process.cpuUsage();
const edit: number[] = [];
let cur = g;
for (let i = 0; i < 200; i++) {
  // One edit: a new params object on one node, as an immutable edit produces.
  const k = 1 + (i % (cur.nodes.length - 1));
  cur = { ...cur, nodes: cur.nodes.map((n, j) => (j === k ? { ...n, params: { ...n.params } } : n)) };
  const t = performance.now();
  analyzeGraph(cur);
  edit.push(performance.now() - t);
}
const cpuEdit = process.cpuUsage(cpu1);
// CPU time per run (user + system) is robust to other processes sharing the cores; wall times are not.
const perRun = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1000 / 200).toFixed(3);
const a = analyzeGraph(g);
console.log(`${g.nodes.length} nodes, ${g.edges.length} edges, ${a.errors.length} errors, ${a.totalParams} params`);
console.log(`cold (no params cached): wall ${stats(cold)}; CPU ${perRun(cpuCold)} ms/run (incl. the JSON clone)`);
console.log(`after one edit:          wall ${stats(edit)}; CPU ${perRun(cpuEdit)} ms/run`);
