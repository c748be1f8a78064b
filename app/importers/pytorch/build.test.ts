/**
 * The graph builder on hand-written model descriptions (what either reader gives): functional
 * calls, shared modules, residual sums, reshapes, and every way a description can be refused,
 * each with a message that names the module or the line. Also the schema the trace reader's JSON
 * must pass before anything reads it.
 */
import { describe, expect, it } from 'vitest';
import { buildModuleTree, reprModel } from '../../modules';
import { analyzeGraph } from '../../shapes/analyze';
import { buildGraph } from './build';
import { traceAnswerSchema, type PyModel, type PyNode } from './schema';

const node = (
  name: string,
  op: PyNode['op'],
  target: string,
  args: PyNode['args'] = [],
  kwargs: PyNode['kwargs'] = {},
  scope = '',
): PyNode => ({ name, op, target, args, kwargs, scope, where: `net.py:${name.length}` });
const ref = (name: string) => ({ ref: name });

function residual(extra: PyNode[] = []): PyModel {
  return {
    source: 'trace',
    name: 'Net',
    modules: [
      { path: '', className: 'Net', kind: 'Module', args: {} },
      {
        path: 'conv',
        className: 'Conv2d',
        kind: 'layer',
        args: { in_channels: 2, out_channels: 2, kernel_size: [3, 3], padding: [1, 1] },
      },
      { path: 'relu', className: 'ReLU', kind: 'layer', args: { inplace: true } },
      { path: 'fc', className: 'Linear', kind: 'layer', args: { in_features: 32, out_features: 3 } },
    ],
    nodes: [
      node('x', 'placeholder', 'x'),
      node('conv', 'call_module', 'conv', [ref('x')]),
      node('relu', 'call_module', 'relu', [ref('conv')]),
      node('add', 'call_function', '_operator.add', [ref('relu'), ref('x')]),
      node('relu_1', 'call_module', 'relu', [ref('add')]),
      node('size', 'call_method', 'size', [ref('relu_1'), 0]),
      node('view', 'call_method', 'view', [ref('relu_1'), ref('size'), -1]),
      node('sig', 'call_function', 'torch.sigmoid', [ref('view')]),
      node('fc', 'call_module', 'fc', [ref('sig')]),
      ...extra,
      node('output', 'output', 'output', [ref(extra.length ? extra[extra.length - 1].name : 'fc')]),
    ],
    parameters: 137,
  };
}

describe('buildGraph', () => {
  it('makes modules, a shared module, a functional sum, reshape and activation', () => {
    const r = buildGraph(residual(), [2, 4, 4]);
    if (!r.ok) throw new Error(r.error);
    const g = r.value.graph;
    const a = analyzeGraph(g);
    expect(a.errors).toEqual([]);
    expect(a.totalParams).toBe(137);
    expect(
      g.nodes.map((n) => [n.type, n.name ?? '', n.shares ? 'shares' : '', n.functional ? 'functional' : '']),
    ).toEqual([
      ['Input', '', '', ''],
      ['Conv2d', 'conv', '', ''],
      ['ReLU', 'relu', '', ''],
      ['Add', '', '', ''],
      ['ReLU', '', 'shares', ''],
      ['Flatten', '', '', 'functional'],
      ['Sigmoid', '', '', 'functional'],
      ['Linear', 'fc', '', ''],
    ]);
    // Inferred counts that agree are left to inference, as a person would draw them.
    expect(g.nodes.find((n) => n.type === 'Conv2d')?.params.in_channels).toBeUndefined();
    expect(reprModel(buildModuleTree(g, a))).toBe(
      'Net(\n  (conv): Conv2d(2, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))\n  (relu): ReLU(inplace=True)\n  (fc): Linear(in_features=32, out_features=3, bias=True)\n)',
    );
  });

  it.each([
    [
      'an operation Netloom has no layer for',
      [node('sub', 'call_function', '_operator.sub', [ref('fc'), 2])],
      'net.py:3: forward calls -: Netloom has no layer for it',
    ],
    [
      'a product with a constant',
      [node('mul', 'call_function', '_operator.mul', [ref('fc'), 2])],
      'net.py:3: forward calls *: only the product of two tensors is read (a constant factor has no layer)',
    ],
    [
      'a scalar sum',
      [node('add2', 'call_function', '_operator.add', [ref('fc'), 1])],
      'net.py:4: forward calls +: only the sum of two tensors is read (no scalars)',
    ],
    [
      'a reshape that is not a flatten',
      [node('v2', 'call_method', 'view', [ref('fc'), 3, 1])],
      'net.py:2: forward calls .view(): only reshapes to (batch, -1) or (-1, features) are read',
    ],
    [
      'a flatten of the batch',
      [node('fl', 'call_function', 'torch.flatten', [ref('fc')])],
      'net.py:2: forward calls torch.flatten: flattening from dim 0 merges the batch dimension',
    ],
    [
      'a tensor read directly',
      [node('w', 'get_attr', 'scale')],
      'net.py:1: forward reads the tensor self.scale directly',
    ],
  ])('refuses %s with the line', (_, extra, message) => {
    const r = buildGraph(residual(extra as PyNode[]), [2, 4, 4]);
    expect(r.ok ? '' : r.error).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('refuses a module that forward never calls, a layer kind Netloom lacks, an argument it does not keep', () => {
    const unused = residual();
    unused.modules.push({
      path: 'head',
      className: 'Linear',
      kind: 'layer',
      args: { in_features: 3, out_features: 1 },
    });
    expect(buildGraph(unused, [2, 4, 4])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^head \(Linear\) is registered but forward never calls it/),
    });
    const hardtanh = residual();
    hardtanh.modules[2] = { path: 'relu', className: 'Hardtanh', kind: 'layer', args: {} };
    expect(buildGraph(hardtanh, [2, 4, 4])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/relu \(Hardtanh\): Netloom has no Hardtanh layer \(it has Conv2d, /),
    });
    const reflect = residual();
    reflect.modules[1].args.padding_mode = 'reflect';
    expect(buildGraph(reflect, [2, 4, 4])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^net\.py:4: conv \(Conv2d\): padding_mode must be 'zeros'/),
    });
    const indices = residual();
    indices.modules[2].args.return_indices = true;
    expect(buildGraph(indices, [2, 4, 4])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Netloom's ReLU has no argument return_indices/),
    });
  });

  it('keeps an empty container registered last, and refuses one whose place it cannot keep', () => {
    const last = residual();
    last.modules.push({ path: 'shortcut', className: 'Sequential', kind: 'Sequential', args: {} });
    const r = buildGraph(last, [2, 4, 4]);
    if (!r.ok) throw new Error(r.error);
    expect(reprModel(buildModuleTree(r.value.graph, analyzeGraph(r.value.graph)))).toContain(
      '(fc): Linear(in_features=32, out_features=3, bias=True)\n  (shortcut): Sequential()\n)',
    );
    const first = residual();
    first.modules.splice(1, 0, { path: 'shortcut', className: 'Sequential', kind: 'Sequential', args: {} });
    expect(buildGraph(first, [2, 4, 4])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^shortcut cannot keep its place in the module tree/),
    });
  });

  it('leaves out an input forward never uses (mask=None), refuses two inputs and a tuple output', () => {
    const mask = residual();
    mask.nodes.splice(1, 0, node('mask', 'placeholder', 'mask', [null]));
    expect(buildGraph(mask, [2, 4, 4]).ok).toBe(true);
    const two = residual();
    two.nodes.splice(1, 0, node('y', 'placeholder', 'y'));
    two.nodes[3].args = [ref('y')];
    expect(buildGraph(two, [2, 4, 4])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/forward takes more than one input \(y\)/),
    });
    const tuple = residual();
    tuple.nodes[tuple.nodes.length - 1] = node('output', 'output', 'output', [[ref('fc'), ref('relu')]]);
    expect(buildGraph(tuple, [2, 4, 4])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/forward must return one tensor \(it returns several values\)/),
    });
  });
});

describe('traceAnswerSchema', () => {
  it('accepts a model or an error, and nothing else', () => {
    expect(traceAnswerSchema.safeParse(residual()).success).toBe(true);
    expect(traceAnswerSchema.safeParse({ error: 'boom' }).success).toBe(true);
    expect(traceAnswerSchema.safeParse({ ...residual(), extra: 1 }).success).toBe(false);
    expect(
      traceAnswerSchema.safeParse({
        ...residual(),
        nodes: [{ name: 'x', op: 'eval', target: 'os.system', args: [], kwargs: {}, scope: '' }],
      }).success,
    ).toBe(false);
    expect(
      traceAnswerSchema.safeParse({
        ...residual(),
        modules: [{ path: '', className: 'Net', kind: 'Module', args: { f: { call: 'x' } } }],
      }).success,
    ).toBe(false);
  });
});
