// The network doctor's speed on a 500-node graph (run: npx tsx scripts/bench-doctor.ts).
// Not a test: the numbers go to docs/PERFORMANCE.md ("The network doctor").
import { lintGraph } from '../app/doctor/lint';
import { RULES } from '../app/doctor/rules';
import { lintContext } from '../app/doctor/context';
import type { Graph, GraphEdge, GraphNode } from '../app/graph/types';
import { analyzeGraph } from '../app/shapes/analyze';

/** 500 nodes: 62 residual blocks (bias before BatchNorm, Dropout2d), a head with Linear -> Linear. */
function net(blocks: number): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const node = (type: string, params: Record<string, unknown>, from: string[]): string => {
    const id = `n${nodes.length}`;
    nodes.push({ id, type, params, position: { x: 0, y: nodes.length * 80 } });
    from.forEach((s, port) =>
      edges.push({ id: `e${edges.length}`, source: s, target: id, ...(port ? { targetPort: port } : {}) }),
    );
    return id;
  };
  let x = node('Input', { shape: [64, 56, 56] }, []);
  for (let b = 0; b < blocks; b++) {
    const c1 = node('Conv2d', { out_channels: 64, kernel_size: 3, padding: 1 }, [x]);
    const r1 = node('ReLU', { inplace: true }, [node('BatchNorm2d', {}, [c1])]);
    const b2 = node('BatchNorm2d', {}, [
      node('Conv2d', { out_channels: 64, kernel_size: 3, padding: 1, bias: false }, [r1]),
    ]);
    x = node('Dropout2d', { p: 0.1 }, [node('ReLU', {}, [node('Add', {}, [b2, x])])]);
  }
  const y = node('Flatten', {}, [node('AdaptiveAvgPool2d', { output_size: 1 }, [x])]);
  node('Linear', { out_features: 10 }, [node('Linear', { out_features: 64 }, [y])]);
  return {
    format: 'netloom',
    version: 1,
    name: 'Bench',
    nodes,
    edges,
    modules: [],
    training: { lr: 1, optimizer: 'adam', momentum: 0.9 },
  };
}

const g = net(62);
const analysis = analyzeGraph(g);
const runs = 200;
const stats = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  const q = (f: number) => s[Math.floor(s.length * f)].toFixed(3);
  return `min ${s[0].toFixed(3)} ms, median ${q(0.5)} ms, p95 ${q(0.95)} ms`;
};
function measure(label: string, f: () => void): void {
  for (let i = 0; i < 50; i++) f(); // warm up the JIT
  const cpu0 = process.cpuUsage();
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    wall.push(performance.now() - t);
  }
  const c = process.cpuUsage(cpu0);
  console.log(`${label}: ${stats(wall)}; ${((c.user + c.system) / 1000 / runs).toFixed(3)} ms CPU per run`);
}

const findings = lintGraph(g, { analysis }).findings;
console.log(
  `graph: ${g.nodes.length} nodes, ${g.edges.length} edges; ${RULES.length} rules, ${findings.length} findings (${[...new Set(findings.map((f) => f.rule))].join(', ')})`,
);
measure('all rules (analysis given, as the editor runs them)', () => lintGraph(g, { analysis }));
measure('all rules + shape inference', () => lintGraph({ ...g }));
const ctx = lintContext(g, { analysis });
const per = RULES.map((r) => {
  const t = performance.now();
  for (let i = 0; i < runs; i++) r.test(ctx);
  return { id: r.id, ms: (performance.now() - t) / runs };
}).sort((a, b) => b.ms - a.ms);
console.log(
  `slowest rules: ${per
    .slice(0, 4)
    .map((p) => `${p.id} ${p.ms.toFixed(3)} ms`)
    .join(', ')}`,
);
