/**
 * Issue 13, items 5 and 6: every path that arrives over the host contract is confined to the
 * served workspace with links resolved (datasets, runs), errors never quote a file, and links in
 * `*.runs` folders lead nowhere: not for reading, deleting, writing new runs or bundling.
 * Real symbolic links in temporary folders.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeBundle } from '../export/bundle';
import { makeHost, tempDir } from './test-host';

const SECRET = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';
const PROJECT = '{"format":"netloom","version":1,"name":"Net","nodes":[],"edges":[],"modules":[]}';

async function writeRun(dir: string, id = 'r1'): Promise<void> {
  await mkdir(join(dir, 'best'), { recursive: true });
  const now = new Date().toISOString();
  await writeFile(
    join(dir, 'run.json'),
    JSON.stringify({
      id,
      status: 'completed',
      backend: null,
      created_at: now,
      started_at: now,
      epochs_done: 1,
      seed: 0,
      best: null,
    }),
  );
  await writeFile(
    join(dir, 'settings.json'),
    JSON.stringify({ training: { epochs: 1 }, dataset: { name: 'synthetic' } }),
  );
  await writeFile(join(dir, 'graph.json'), PROJECT);
  await writeFile(join(dir, 'best', 'model.json'), '{}');
  await writeFile(join(dir, 'best', 'weights.bin'), 'W');
}

let ws: string;
let outside: string;
let host: Awaited<ReturnType<typeof makeHost>>;

beforeEach(async () => {
  ws = await tempDir('netloom-confine-ws-');
  outside = await tempDir('netloom-confine-out-');
  await writeFile(join(outside, 'secret.csv'), SECRET);
  await mkdir(join(outside, 'images', 'cat'), { recursive: true });
  await writeFile(join(outside, 'images', 'cat', 'a.png'), 'not really');
  host = await makeHost({ kind: 'web', workspace: ws });
});

const denied = (r: { ok: boolean; error?: { code: string; message: string } }) => {
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe('denied');
  expect(r.error?.message).not.toMatch(/root:|daemon|bash|cat\b/);
  return r.error?.message ?? '';
};

describe('dataset paths over the contract are confined to the workspace', () => {
  it('data.info and data.preview refuse /etc/passwd, ../ and a link out, without quoting the file', async () => {
    expect(denied(await host.call('data.info', { dataset: { name: 'csv', path: '/etc/passwd' } }))).toMatch(
      /dataset\.path \/etc\/passwd: .*only inside the served folder/,
    );
    denied(await host.call('data.info', { dataset: { name: 'csv', path: join(outside, 'secret.csv') } }));
    await symlink(join(outside, 'secret.csv'), join(ws, 'link.csv'));
    denied(await host.call('data.info', { dataset: { name: 'csv', path: 'link.csv' } }));
    denied(
      await host.call('data.info', {
        dataset: { name: 'csv', path: '../' + outside.split('/').pop() + '/secret.csv' },
      }),
    );
    denied(await host.call('data.info', { dataset: { name: 'folder', path: join(outside, 'images') } }));
    denied(await host.call('data.preview', { dataset: { name: 'folder', path: join(outside, 'images') } }));
    denied(await host.call('data.info', { dataset: { name: 'mnist', dataDir: outside } }));
    await symlink('/dev/zero', join(ws, 'zero.csv'));
    denied(await host.call('data.info', { dataset: { name: 'csv', path: 'zero.csv' } }));
  });

  it('train.start refuses a project whose dataset lies outside', async () => {
    const text = JSON.stringify({ ...JSON.parse(PROJECT), dataset: { name: 'csv', path: '/etc/passwd' } });
    denied(await host.call('train.start', { text }));
  });

  it('a dataset inside the workspace loads (off the main thread); a FIFO inside is refused, not waited on', async () => {
    await writeFile(join(ws, 'xor.csv'), 'a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n');
    expect(await host.call('data.info', { dataset: { name: 'csv', path: 'xor.csv' } })).toMatchObject({
      ok: true,
      value: { train: 4, classes: ['0', '1'] },
    });
    execFileSync('mkfifo', [join(ws, 'pipe.csv')]);
    expect(await host.call('data.info', { dataset: { name: 'csv', path: 'pipe.csv' } })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/named pipe \(FIFO\)/) },
    });
  });

  it('keeps answering while a large dataset loads', async () => {
    await writeFile(join(ws, 'big.csv'), `a,b,label\n${'0.5,0.25,1\n'.repeat(300_000)}`);
    const order: string[] = [];
    const loading = host
      .call('data.info', { dataset: { name: 'csv', path: 'big.csv' } })
      .then((r) => order.push(`data.info ${r.ok}`));
    const other = host.call('templates.list').then((r) => order.push(`templates.list ${r.ok}`));
    await Promise.all([loading, other]);
    expect(order).toEqual(['templates.list true', 'data.info true']);
  });
});

describe('links in runs folders lead nowhere', () => {
  it('a linked untitled.runs: runs.list, runs.get and runs.delete refuse, the outside run survives', async () => {
    await writeRun(join(outside, 'runs', 'r1'));
    await symlink(join(outside, 'runs'), join(ws, 'untitled.runs'));
    denied(await host.call('runs.list', {}));
    denied(await host.call('runs.get', { runDir: join(ws, 'untitled.runs', 'r1') }));
    denied(await host.call('runs.delete', { runDir: join(ws, 'untitled.runs', 'r1') }));
    denied(await host.call('runs.evaluate', { runDir: join(ws, 'untitled.runs', 'r1') }));
    denied(await host.call('train.start', { text: PROJECT }));
    expect(existsSync(join(outside, 'runs', 'r1', 'run.json'))).toBe(true);
  });

  it('a linked run folder inside a real untitled.runs is neither listed, read nor deleted', async () => {
    await writeRun(join(outside, 'r2'), 'r2');
    await writeRun(join(ws, 'untitled.runs', 'r1'));
    await symlink(join(outside, 'r2'), join(ws, 'untitled.runs', 'r2'));
    const list = await host.call('runs.list', {});
    expect(list.ok && (list.value as { id: string }[]).map((r) => r.id)).toEqual(['r1']);
    denied(await host.call('runs.get', { runDir: join(ws, 'untitled.runs', 'r2') }));
    denied(await host.call('runs.delete', { runDir: join(ws, 'untitled.runs', 'r2') }));
    expect(existsSync(join(outside, 'r2', 'run.json'))).toBe(true);
  });

  it('a project whose .runs folder is a link: runs.list refuses', async () => {
    await writeFile(join(ws, 'p.netloom.json'), PROJECT);
    await writeRun(join(outside, 'runs', 'r1'));
    await symlink(join(outside, 'runs'), join(ws, 'p.netloom.runs'));
    denied(await host.call('runs.list', { projectPath: join(ws, 'p.netloom.json') }));
  });

  it('runs.delete removes a link inside a run folder, never what it points to', async () => {
    await writeRun(join(ws, 'untitled.runs', 'r1'));
    await symlink(outside, join(ws, 'untitled.runs', 'r1', 'data'));
    expect(await host.call('runs.delete', { runDir: join(ws, 'untitled.runs', 'r1') })).toMatchObject({ ok: true });
    expect(existsSync(join(ws, 'untitled.runs', 'r1'))).toBe(false);
    expect(await readFile(join(outside, 'secret.csv'), 'utf8')).toBe(SECRET);
  });

  it('refuses to delete the runs folder itself', async () => {
    await writeRun(join(ws, 'untitled.runs', 'r1'));
    expect((await host.call('runs.delete', { runDir: join(ws, 'untitled.runs') })).ok).toBe(false);
    expect(existsSync(join(ws, 'untitled.runs', 'r1', 'run.json'))).toBe(true);
  });
});

describe('a bundle export does not follow links in *.runs', () => {
  it('skips a linked run folder, refuses a linked file or checkpoint, and a linked .runs folder', async () => {
    const project = join(ws, 'p.netloom.json');
    await writeFile(project, PROJECT);
    await writeRun(join(ws, 'p.netloom.runs', 'r1'));
    await writeRun(join(outside, 'r2'), 'r2');
    await symlink(join(outside, 'r2'), join(ws, 'p.netloom.runs', 'r2'));
    const b = writeBundle({ projectPath: project, out: join(ws, 'p.netloom-bundle.json') });
    expect(b).toMatchObject({ ok: true, value: { runs: 1 } });
    const bundle = JSON.parse(await readFile(join(ws, 'p.netloom-bundle.json'), 'utf8')) as { runs: { id: string }[] };
    expect(bundle.runs.map((r) => r.id)).toEqual(['r1']);

    await symlink(join(outside, 'secret.csv'), join(ws, 'p.netloom.runs', 'r1', 'metrics.jsonl'));
    const linkedFile = writeBundle({ projectPath: project, out: join(ws, 'q.netloom-bundle.json') });
    expect(linkedFile.ok ? '' : linkedFile.error).toMatch(/metrics\.jsonl is a symbolic link/);

    const project2 = join(ws, 's.netloom.json');
    await writeFile(project2, PROJECT);
    await symlink(outside, join(ws, 's.netloom.runs'));
    const linkedRuns = writeBundle({ projectPath: project2, out: join(ws, 's.netloom-bundle.json') });
    expect(linkedRuns.ok ? '' : linkedRuns.error).toMatch(/s\.netloom\.runs is a symbolic link/);
  });
});
