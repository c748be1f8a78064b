/** export.run / import.file through dispatch on a web host confined to a temporary workspace. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProjectText, serializeProject } from '../../../app/graph/schema';
import { buildTemplate } from '../../../app/templates';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { getStateDict } from '../../../app/compiler/tfjs/statedict';
import { exportModel } from '../export/weights';
import { cpuTf } from '../export/tf-cpu';
import { loadCheckpoint, saveCheckpoint } from '../runs/checkpoint';
import { makeHost, tempDir } from './test-host';

function lenetText(): string {
  const g = buildTemplate('lenet5');
  if (!g.ok) throw new Error(g.error);
  return serializeProject(g.value);
}

describe('export handlers', () => {
  it('exports every format into the workspace, streams progress, and imports the ONNX back', async () => {
    const ws = await tempDir('netloom-export-ws-');
    const h = await makeHost({ kind: 'web', workspace: ws });
    const projectPath = join(ws, 'lenet.netloom.json');
    await writeFile(projectPath, lenetText());
    const r = await h.call('export.run', { projectPath, format: 'all', outDir: join(ws, 'out'), exportId: 'x1' });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    const files = (r.value as { files: string[] }).files;
    for (const f of [
      'tfjs/model.json',
      'tfjs/weights.bin',
      'onnx/model.onnx',
      'pytorch/model.py',
      'pytorch/model.safetensors',
      'pytorch/train.py',
    ]) {
      const full = files.find((p) => p.endsWith(f));
      expect(full, `${f} in ${files.join(', ')}`).toBeDefined();
      expect(statSync(full!).size).toBeGreaterThan(0);
    }
    const progress = h.events.filter((e) => e.event === 'export.progress');
    expect(progress.length).toBeGreaterThan(1);
    expect((progress[0].payload as { exportId: string }).exportId).toBe('x1');

    const imported = await h.call('import.file', { path: join(ws, 'out', 'onnx', 'model.onnx') });
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    if (!imported.ok) return;
    const g = parseProjectText((imported.value as { projectText: string }).projectText, 'x.json');
    expect(g.ok).toBe(true);
    if (g.ok) expect(g.value.nodes.filter((n) => n.type === 'Conv2d')).toHaveLength(2);

    const bundle = await h.call('export.run', { projectPath, format: 'bundle', outDir: join(ws, 'share') });
    expect(bundle.ok, JSON.stringify(bundle)).toBe(true);
    const unpacked = await h.call('import.file', { path: join(ws, 'share', 'lenet.netloom-bundle.json') });
    expect(unpacked.ok, JSON.stringify(unpacked)).toBe(true);
    if (unpacked.ok) expect(existsSync((unpacked.value as { projectPath: string }).projectPath)).toBe(true);
  }, 120_000);

  it("exports a run's best checkpoint, and refuses a run folder outside the workspace", async () => {
    const ws = await tempDir('netloom-export-ws-');
    const outside = await tempDir('netloom-export-out-');
    const h = await makeHost({ kind: 'web', workspace: ws });
    const projectPath = join(ws, 'lenet.netloom.json');
    await writeFile(projectPath, lenetText());
    const g = buildTemplate('lenet5');
    if (!g.ok) throw new Error(g.error);
    const m = await exportModel(g.value, { seed: 11 });
    if (!m.ok) throw new Error(m.error);
    const runDir = join(ws, 'lenet.netloom.runs', 'r1');
    await saveCheckpoint(m.value.compiled, join(runDir, 'best'), { epoch: 3 });
    await writeFile(join(runDir, 'graph.json'), serializeProject(g.value));
    m.value.compiled.model.dispose();
    const fresh = await h.call('export.run', { projectPath, format: 'onnx', outDir: join(ws, 'fresh') });
    const r = await h.call('export.run', { projectPath, runDir, format: 'onnx', outDir: join(ws, 'run') });
    expect(r.ok && fresh.ok, JSON.stringify([r, fresh])).toBe(true);
    const w = (x: typeof r) => (x.ok ? (x.value as { weights: string }).weights : '');
    expect(w(r)).toMatch(/r1/);
    expect(w(r)).not.toBe(w(fresh));
    const denied = await h.call('export.run', { projectPath, runDir: outside, format: 'onnx', outDir: join(ws, 'x') });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('denied');
  }, 120_000);

  it('refuses an output folder or a model file outside the workspace', async () => {
    const ws = await tempDir('netloom-export-ws-');
    const outside = await tempDir('netloom-export-out-');
    const h = await makeHost({ kind: 'web', workspace: ws });
    const r = await h.call('export.run', { text: lenetText(), format: 'onnx', outDir: outside });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('denied');
    expect(existsSync(join(outside, 'model.onnx'))).toBe(false);
    const i = await h.call('import.file', { path: join(outside, 'model.onnx') });
    expect(i.ok).toBe(false);
    if (!i.ok) expect(i.error.code).toBe('denied');
  });

  it('reports a file that is not ONNX as a one-line error', async () => {
    const ws = await tempDir('netloom-export-ws-');
    const h = await makeHost({ kind: 'web', workspace: ws });
    await writeFile(join(ws, 'bad.onnx'), 'not onnx');
    const r = await h.call('import.file', { path: join(ws, 'bad.onnx') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/bad\.onnx/);
  });
  it('imports an ONNX with weights as a saved project with an imported run holding the exported weights', async () => {
    const ws = await tempDir('netloom-export-ws-');
    const h = await makeHost({ kind: 'web', workspace: ws });
    const projectPath = join(ws, 'lenet.netloom.json');
    await writeFile(projectPath, lenetText());
    const g = buildTemplate('lenet5');
    if (!g.ok) throw new Error(g.error);
    const m = await exportModel(g.value, { seed: 5 });
    if (!m.ok) throw new Error(m.error);
    const runDir = join(ws, 'lenet.netloom.runs', 'r1');
    await saveCheckpoint(m.value.compiled, join(runDir, 'best'), { epoch: 1 });
    await writeFile(join(runDir, 'graph.json'), serializeProject(g.value));
    const tf = await cpuTf();
    const original = getStateDict(tf, m.value.compiled);
    m.value.compiled.model.dispose();
    const e = await h.call('export.run', { projectPath, runDir, format: 'onnx', outDir: join(ws, 'out') });
    expect(e.ok, JSON.stringify(e)).toBe(true);
    const onnx = join(ws, 'out', 'model.onnx');
    expect(existsSync(onnx), readdirSync(join(ws, 'out')).join(',')).toBe(true);

    const i = await h.call('import.file', { path: onnx });
    expect(i.ok, JSON.stringify(i)).toBe(true);
    if (!i.ok) return;
    const v = i.value as { projectText: string; name: string; projectPath?: string; runDir?: string };
    expect(v.projectPath).toBe(join(ws, 'out', 'model.netloom.json'));
    expect(v.name).toBe('model.netloom.json');
    expect(v.runDir).toBe(join(ws, 'out', 'model.netloom.runs', 'imported'));
    for (const f of ['best/model.json', 'run.json', 'settings.json', 'graph.json'])
      expect(existsSync(join(v.runDir!, f)), f).toBe(true);
    const ig = parseProjectText(v.projectText, v.name);
    if (!ig.ok) throw new Error(ig.error);
    const c = compileGraph(tf, ig.value, { seed: 99 });
    if (!c.ok) throw new Error(c.error);
    const loaded = loadCheckpoint(tf, c.value, join(v.runDir!, 'best'));
    expect(loaded.ok, JSON.stringify(loaded)).toBe(true);
    const back = getStateDict(tf, c.value);
    c.value.model.dispose();
    const conv = (sd: typeof back) => sd.find((x) => x.shape.join() === '6,1,5,5');
    expect(conv(back)?.values).toEqual(conv(original)?.values);
    const fc = (sd: typeof back) => sd.find((x) => x.shape.join() === '10,84');
    expect(Array.from(fc(back)!.values)).toEqual(Array.from(fc(original)!.values));

    const list = await h.call('runs.list', { projectPath: v.projectPath });
    expect(list.ok && (list.value as { id: string }[]).map((x) => x.id)).toContain('imported');

    const re = await h.call('export.run', {
      projectPath: v.projectPath,
      runDir: v.runDir,
      which: 'best',
      format: 'onnx',
      outDir: join(ws, 'again'),
    });
    expect(re.ok && (re.value as { weights: string }).weights, JSON.stringify(re)).toMatch(/imported/);

    // The name never overwrites: a second import gets model-2.
    const again = await h.call('import.file', { path: onnx });
    expect(again.ok && (again.value as { projectPath?: string }).projectPath).toBe(
      join(ws, 'out', 'model-2.netloom.json'),
    );
  }, 120_000);

  it('imports a model without weights as an unsaved project and writes nothing', async () => {
    const ws = await tempDir('netloom-export-ws-');
    const h = await makeHost({ kind: 'web', workspace: ws });
    const e = await h.call('export.run', { text: lenetText(), format: 'tfjs', outDir: join(ws, 'out') });
    expect(e.ok, JSON.stringify(e)).toBe(true);
    const bare = join(ws, 'bare');
    await mkdir(bare);
    const json = JSON.parse(await readFile(join(ws, 'out', 'model.json'), 'utf8'));
    delete json.weightsManifest;
    await writeFile(join(bare, 'model.json'), JSON.stringify(json));
    const i = await h.call('import.file', { path: join(bare, 'model.json') });
    expect(i.ok, JSON.stringify(i)).toBe(true);
    if (i.ok) expect((i.value as { projectPath?: string }).projectPath).toBeUndefined();
    expect(readdirSync(bare)).toEqual(['model.json']);
  }, 120_000);
});
