import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../result';
import { begin, canRedo, canUndo, commit, createHistory, end, redo, undo, type History } from './history';
import * as ops from './ops';
import { parseProject } from './schema';
import { nestedBlocks, smallLeNet } from './test-graphs';
import { topoOrder } from './topo';
import type { Graph } from './types';

const TYPES = ['Conv2d', 'ReLU', 'Linear', 'Concat', 'Add', 'Flatten', 'BatchNorm2d', 'Input', 'MaxPool2d'];
const NAMES = ['a', 'conv1', '0', '3', 'fc1', 'x y', '', 'class', 'relu', 'features', 'block', 'forward', 'κ'];

const op = fc.oneof(
  fc.record({ k: fc.constant('add'), t: fc.nat(), p: fc.nat() }),
  fc.record({ k: fc.constant('remove'), a: fc.nat(), b: fc.nat() }),
  fc.record({
    k: fc.constant('drag'),
    a: fc.nat(),
    steps: fc.array(fc.integer({ min: -500, max: 500 }), { maxLength: 5 }),
  }),
  fc.record({
    k: fc.constant('connect'),
    a: fc.nat(),
    b: fc.nat(),
    port: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
  }),
  fc.record({ k: fc.constant('disconnect'), a: fc.nat() }),
  fc.record({
    k: fc.constant('params'),
    a: fc.nat(),
    key: fc.constantFrom('out_channels', 'kernel_size', 'p'),
    v: fc.oneof(fc.jsonValue(), fc.constant(undefined)),
  }),
  fc.record({ k: fc.constant('rename'), a: fc.nat(), name: fc.constantFrom(...NAMES) }),
  fc.record({
    k: fc.constant('group'),
    ids: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    seq: fc.boolean(),
    name: fc.constantFrom(...NAMES),
  }),
  fc.record({ k: fc.constant('ungroup'), a: fc.nat() }),
  fc.record({ k: fc.constant('renameModule'), a: fc.nat(), name: fc.constantFrom(...NAMES) }),
  fc.record({ k: fc.constant('collapse'), a: fc.nat(), c: fc.boolean() }),
  fc.record({
    k: fc.constant('duplicate'),
    ids: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    withModule: fc.boolean(),
  }),
  fc.record({ k: fc.constant('insert'), a: fc.nat(), t: fc.nat() }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
const graphOf = <T extends { graph: Graph }>(r: Result<T | Graph>): Graph | null =>
  r.ok ? ('graph' in r.value ? r.value.graph : r.value) : null;

/** Applies one op through the history (a drag as a transaction). Refused edits change nothing. */
function apply(h: History, o: Op): History {
  const g = h.present;
  const node = (i: number) => pick(g.nodes, i)?.id ?? '';
  const mod = (i: number) => pick(g.modules, i)?.id ?? '';
  let next: Graph | null = null;
  switch (o.k) {
    case 'add':
      next = graphOf(
        ops.addNode(g, TYPES[o.t % TYPES.length], {}, { x: o.t, y: o.p }, o.p % 2 ? mod(o.p) || undefined : undefined),
      );
      break;
    case 'remove':
      next = ops.removeNodes(g, [node(o.a), node(o.b)]);
      break;
    case 'drag': {
      let d = begin(h);
      for (const y of o.steps) d = commit(d, ops.moveNodes(d.present, { [node(o.a)]: { x: y, y: -y } }));
      return end(d);
    }
    case 'connect':
      next = graphOf(ops.connect(g, node(o.a), node(o.b), o.port));
      break;
    case 'disconnect':
      next = ops.disconnect(g, pick(g.edges, o.a)?.id ?? '');
      break;
    case 'params':
      next = graphOf(ops.setParams(g, node(o.a), { [o.key]: o.v }));
      break;
    case 'rename':
      next = graphOf(ops.renameNode(g, node(o.a), o.name));
      break;
    case 'group':
      next = graphOf(ops.group(g, o.ids.map(node), { kind: o.seq ? 'Sequential' : 'Module', name: o.name }));
      break;
    case 'ungroup':
      next = graphOf(ops.ungroup(g, mod(o.a)));
      break;
    case 'renameModule':
      next = graphOf(ops.renameModule(g, mod(o.a), o.name));
      break;
    case 'collapse':
      next = graphOf(ops.setCollapsed(g, mod(o.a), o.c));
      break;
    case 'duplicate':
      next = graphOf(ops.duplicate(g, [...o.ids.map(node), ...(o.withModule ? [mod(o.ids[0])] : [])]));
      break;
    case 'insert':
      next = graphOf(ops.insertOnEdge(g, pick(g.edges, o.a)?.id ?? '', TYPES[o.t % TYPES.length]));
      break;
  }
  return next ? commit(h, next) : h;
}

describe('random edit sequences (fast-check)', () => {
  it('every step stays a valid, acyclic project; undo-all returns the original and redo-all the last', () => {
    fc.assert(
      fc.property(fc.constantFrom(smallLeNet, nestedBlocks), fc.array(op, { maxLength: 30 }), (make, seq) => {
        const original = make();
        let h = createHistory(original, 1000);
        for (const o of seq) {
          h = apply(h, o);
          const reopened = parseProject(h.present, 'edited.netloom.json');
          if (!reopened.ok) throw new Error(`after ${JSON.stringify(o)}: ${reopened.error}`);
          expect(topoOrder(h.present).cyclic).toEqual([]);
        }
        const last = h.present;
        while (canUndo(h)) h = undo(h);
        expect(h.present).toBe(original);
        while (canRedo(h)) h = redo(h);
        expect(h.present).toBe(last);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
