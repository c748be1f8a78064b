/**
 * `netloom inspect`, `new` and `templates` spawned as a person runs them: exit codes 0/1/2,
 * the JSON shape, one clear stderr line (never a stack trace) for malformed files.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/schema';
import { GraphBuilder } from '../../../app/templates/builder';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

interface Doc {
  version: number;
  nodes: { type: string; params: Record<string, unknown> }[];
  edges: Record<string, unknown>[];
}

const dir = mkdtempSync(join(tmpdir(), 'netloom-cli-'));
const lenet = join(dir, 'lenet5.netloom.json');

function variant(name: string, edit: (doc: Doc) => void): string {
  const doc = JSON.parse(readFileSync(lenet, 'utf8')) as Doc;
  edit(doc);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

function expectOneCleanLine(stderr: string, file: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
}

beforeAll(async () => {
  const r = await netloom('new', '--template', 'lenet5', '-o', lenet);
  expect(r.code).toBe(0);
});

describe('netloom templates / new', () => {
  it('lists the templates as JSON with their parameter counts', async () => {
    const r = await netloom('templates', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; description: string; params: number }[];
    const byName = new Map(list.map((t) => [t.name, t.params]));
    expect(byName.get('lenet5')).toBe(61_706);
    expect(byName.get('resnet18')).toBe(11_689_512);
    expect(byName.get('vgg16')).toBe(138_357_544);
    expect(byName.get('densenet121')).toBe(7_978_856);
    expect(byName.has('vgg16_bn')).toBe(true);
    for (const t of list) expect(Object.keys(t).sort()).toEqual(['description', 'name', 'params']);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const again = await netloom('new', '--template', 'mlp', '-o', lenet);
    expect(again.code).toBe(2);
    expectOneCleanLine(again.stderr, lenet);
    const file = join(dir, 'mlp.json');
    expect((await netloom('new', '--template', 'mlp', '-o', file)).code).toBe(0);
    expect((await netloom('new', '--template', 'resnet18', '-o', file, '--force')).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).name).toBe('ResNet');
  });

  it('new --input and --classes fit a template to a dataset, as torchvision num_classes does', async () => {
    const file = join(dir, 'r18-cifar.json');
    const r = await netloom('new', '-t', 'resnet18', '--input', '3,32,32', '--classes', '10', '-o', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/11,181,642 parameters, input \[3, 32, 32\]/);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Doc;
    expect(doc.nodes.find((n) => n.type === 'Input')?.params.shape).toEqual([3, 32, 32]);
    expect(doc.nodes.filter((n) => n.type === 'Linear').map((n) => n.params.out_features)).toEqual([10]);
    const bad = await netloom('new', '-t', 'lenet5', '--input', '1x8x8', '-o', join(dir, 'small.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/lenet5 does not take input \[1, 8, 8\]/);
    expect((await netloom('new', '-t', 'lenet5', '--classes', 'ten', '-o', join(dir, 'x.json'))).stderr).toMatch(
      /--classes 'ten'.*--classes 10/,
    );
  });

  it('names the known templates for an unknown one, exit 2', async () => {
    const r = await netloom('new', '--template', 'resnet9000', '-o', join(dir, 'x.json'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('lenet5, mlp, alexnet');
  });
});

describe.concurrent('netloom inspect', () => {
  it('prints the JSON report of a valid graph, exit 0', async () => {
    const r = await netloom('inspect', lenet, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & {
      nodes: ({ type: string } & Record<string, unknown>)[];
      errors: unknown[];
    };
    expect(Object.keys(report).sort()).toEqual(['errors', 'nodes', 'total_macs', 'total_params', 'trainable_params']);
    expect(report.total_params).toBe(61_706);
    expect(report.trainable_params).toBe(61_706);
    expect(report.errors).toEqual([]);
    const conv: Record<string, unknown> = report.nodes.find((n) => n.type === 'Conv2d') ?? {};
    expect(Object.keys(conv).sort()).toEqual(['error', 'id', 'macs', 'params', 'shape', 'type']);
    expect(conv.shape).toEqual([6, 28, 28]);
    expect(conv.params).toBe(156);
    expect(conv.macs).toBe(6 * 28 * 28 * 25);
    expect(conv.error).toBeNull();
  });

  it('prints the table, print(model), modules() and children()', async () => {
    const [table, repr, mods, kids] = await Promise.all([
      netloom('inspect', lenet),
      netloom('inspect', lenet, '--repr'),
      netloom('inspect', lenet, '--modules'),
      netloom('inspect', lenet, '--children'),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/features\.0\s+Conv2d\s+\[N, 6, 28, 28\]\s+156/);
    expect(table.stdout).toContain('Total params: 61,706');
    expect(repr.stdout.startsWith('LeNet5(\n  (features): Sequential(\n    (0): Conv2d(1, 6, kernel_size=(5, 5)')).toBe(
      true,
    );
    expect(mods.stdout.trim().split('\n').at(-1)).toBe('15');
    expect(kids.stdout.trim().split('\n').at(-1)).toBe('3');
    expect(kids.stdout.startsWith('[Sequential(\n')).toBe(true);
  });

  it('--state-dict and --named-parameters print what PyTorch prints for torchvision resnet18', async () => {
    const file = join(dir, 'resnet18.json');
    expect((await netloom('new', '--template', 'resnet18', '-o', file)).code).toBe(0);
    const script =
      'import torchvision\nm = torchvision.models.resnet18()\n' +
      'for k, v in m.state_dict().items(): print(k, v.shape)\nprint("--")\n' +
      'for n, p in m.named_parameters(): print(n, p.shape)';
    let ref: string;
    try {
      ref = execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
    } catch (e) {
      throw new Error(
        `PyTorch reference failed: install python3-torchvision (apt-get install python3-torchvision): ${String(e)}`,
      );
    }
    const [sd, np] = await Promise.all([
      netloom('inspect', file, '--state-dict'),
      netloom('inspect', file, '--named-parameters'),
    ]);
    expect(`${sd.stdout}--\n${np.stdout}`).toBe(ref);
  });

  it('ends quietly when the reader closes the pipe early (no EPIPE stack trace)', async () => {
    const file = join(dir, 'densenet.json');
    expect((await netloom('new', '--template', 'densenet121', '-o', file)).code).toBe(0);
    const errFile = join(dir, 'epipe.txt');
    const { stdout } = await run('sh', ['-c', `"${BIN}" inspect "${file}" --modules 2>"${errFile}" | head -c 10`], {
      encoding: 'utf8',
    });
    expect(stdout).toBe('[DenseNet(');
    expect(readFileSync(errFile, 'utf8')).toBe('');
  });

  it('reports an invalid training setting (lr = Infinity in the file): exit 1, the setting and the fix', async () => {
    const file = join(dir, 'lr-inf.json');
    const doc = JSON.parse(readFileSync(lenet, 'utf8')) as Doc & { training?: Record<string, unknown> };
    doc.training = { ...doc.training, lr: 'INF' };
    writeFileSync(file, JSON.stringify(doc).replace('"INF"', '1e999'));
    const r = await netloom('inspect', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/training setting 'lr': .*Infinity: fix "training" in the project/);
    const j = await netloom('inspect', file, '--json');
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout).errors[0].message).toMatch(/training setting 'lr'/);
  });

  it.each([
    ['cycle', (d: Doc) => d.edges.push({ id: 'back', source: 'conv2d_2', target: 'conv2d_1', targetPort: 1 })],
    ['negative kernel', (d: Doc) => (d.nodes[1].params.kernel_size = -5)],
    ['huge channels', (d: Doc) => (d.nodes[1].params.out_channels = 1e300)],
    ['huge input', (d: Doc) => (d.nodes[0].params.shape = [1, 100000, 100000])],
  ])('an invalid graph (%s) exits 1 with the JSON and every error', async (name, edit) => {
    const file = variant(name.replace(' ', '-'), edit);
    const r = await netloom('inspect', file, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.errors.length).toBeGreaterThan(0);
    for (const e of report.errors) expect(typeof e.message).toBe('string');
    expect(r.stderr).toBe('');
    const human = await netloom('inspect', file);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(report.errors[0].message);
  });

  it.each([
    [
      'truncated JSON',
      () => {
        const file = join(dir, 'truncated.json');
        writeFileSync(file, readFileSync(lenet, 'utf8').slice(0, 200));
        return file;
      },
    ],
    ['unknown type', () => variant('unknown-type', (d) => (d.nodes[1].type = 'Conv3d'))],
    ['wrong version', () => variant('wrong-version', (d) => (d.version = 99))],
    [
      'not an object',
      () => {
        const file = join(dir, 'array.json');
        writeFileSync(file, '[1, 2]');
        return file;
      },
    ],
    [
      'binary garbage',
      () => {
        const file = join(dir, 'garbage.json');
        writeFileSync(file, Buffer.from([0, 255, 1, 2, 3]));
        return file;
      },
    ],
    ['missing file', () => join(dir, 'does-not-exist.json')],
    ['a directory', () => dir],
  ])('an unreadable or malformed file (%s) exits 2 with one line naming the file', async (_, make) => {
    const file = make();
    const r = await netloom('inspect', file, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneCleanLine(r.stderr, file);
  });
});

describe('netloom inspect on the seed Net/MyModule example, against PyTorch', () => {
  it('--repr, --modules and --children print what PyTorch prints', async () => {
    const b = new GraphBuilder('Net');
    const x = b.input([4]);
    const net = b.module('net', 'Sequential');
    const my = b.module('0', 'Module', { parent: net, className: 'MyModule' });
    const l1 = b.layer('Linear', { out_features: 3 }, x, { parent: my, name: 'net' });
    b.layer('Linear', { out_features: 2 }, b.layer('ReLU', { inplace: true }, l1, { parent: net }), { parent: net });
    const file = join(dir, 'seed.netloom.json');
    writeFileSync(file, serializeProject(b.build()));
    let ref: { repr: string; modules: string; modules_len: number; children: string; children_len: number };
    try {
      ref = JSON.parse(execFileSync('/usr/bin/python3', ['scripts/torch_ref/seed_module.py'], { encoding: 'utf8' }));
    } catch (e) {
      throw new Error(`PyTorch reference failed: install python3-torch (apt-get install python3-torch): ${String(e)}`);
    }
    const [repr, mods, kids] = await Promise.all([
      netloom('inspect', file, '--repr'),
      netloom('inspect', file, '--modules'),
      netloom('inspect', file, '--children'),
    ]);
    expect(repr.stdout).toBe(`${ref.repr}\n`);
    expect(mods.stdout).toBe(`${ref.modules}\n${ref.modules_len}\n`);
    expect(kids.stdout).toBe(`${ref.children}\n${ref.children_len}\n`);
    expect(ref.modules_len).toBe(6);
    expect(ref.children_len).toBe(1);
  });
});
