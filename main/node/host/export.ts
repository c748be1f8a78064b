/**
 * Handlers of `export.run` and `import.file`: call the export engineer's host API
 * (main/node/export) with paths checked by the host's path policy (a folder the person chose,
 * the project's folder, or the served workspace), never around it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseProjectText, serializeProject } from '../../../app/graph/schema';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { err, ok } from '../../../app/result';
import { exportProject, importModelFile, openBundle, writeBundle, writeImported } from '../export';
import { defaultRunsDir } from '../runs/run';
import { importCodeHandler } from './import-code';
import { allowedRunPath } from './training-runs';
import type { Handler, HostServices } from './types';

const bad = (message: string) => err({ code: 'bad-request' as const, message });
const projectBase = (file: string) =>
  basename(file)
    .replace(/(\.netloom)?\.json$/i, '')
    .replace(/\.netloom-bundle$/i, '');

export function exportHandlers(s: HostServices): {
  'export.run': Handler<'export.run'>;
  'import.file': Handler<'import.file'>;
  'import.code': Handler<'import.code'>;
} {
  return {
    'export.run': async (args, ctx) => {
      const out = await s.paths.check(args.outDir);
      if (!out.ok) return out;
      let runDir: string | undefined;
      if (args.runDir) {
        const r = await allowedRunPath(s, args.runDir);
        if (!r.ok) return r;
        runDir = r.value;
      }
      let projectPath: string | undefined;
      let text = args.text;
      if (args.projectPath) {
        const p = await s.paths.check(args.projectPath);
        if (!p.ok) return p;
        projectPath = p.value;
        if (text === undefined) {
          try {
            text = await readFile(projectPath, 'utf8');
          } catch {
            return err({ code: 'not-found' as const, message: `cannot read ${args.projectPath}` });
          }
        }
      }
      if (text === undefined) return bad('give the project text or its path');
      const exportId = args.exportId ?? 'export';
      const say = (message: string) => ctx.emit('export.progress', { exportId, message });
      if (args.format === 'bundle') {
        if (!projectPath)
          return bad('a bundle holds the saved project and its runs: save the project first (File > Save)');
        const file = join(out.value, `${projectBase(projectPath)}.netloom-bundle.json`);
        say(`writing ${file}`);
        const b = writeBundle({ projectPath, runDirs: runDir ? [runDir] : undefined, out: file, which: args.which });
        if (!b.ok) return bad(b.error);
        say(`bundle: project and ${b.value.runs} run(s)`);
        return ok({
          outDir: out.value,
          files: [b.value.file],
          weights: runDir ? `${args.which} checkpoint of ${basename(runDir)}` : `${b.value.runs} run(s)`,
        });
      }
      const g = parseProjectText(text, projectPath ? basename(projectPath) : 'project');
      if (!g.ok) return bad(g.error);
      if (!runDir) {
        const a = analyzeGraph(g.value);
        if (a.errors.length > 0) return bad(`the graph has ${a.errors.length} error(s), first: ${a.errors[0].message}`);
      }
      const r = await exportProject({
        graph: g.value,
        format: args.format,
        outDir: out.value,
        runDir,
        which: args.which,
        progress: say,
      });
      if (!r.ok) return bad(r.error);
      say(`done: ${r.value.files.length} file(s)`);
      return ok({ outDir: out.value, files: r.value.files, weights: r.value.weights });
    },
    'import.code': importCodeHandler(s),
    'import.file': async ({ path, partial }) => {
      const checked = await s.paths.check(path);
      if (!checked.ok) return checked;
      const file = checked.value;
      if (/\.netloom-bundle\.json$/i.test(file)) {
        const projectPath = join(dirname(file), `${projectBase(file)}.netloom.json`);
        if (existsSync(projectPath))
          return bad(`${projectPath} exists already: open it with File > Open, or move the bundle to another folder`);
        const o = openBundle(file, projectPath);
        if (!o.ok) return bad(o.error);
        const text = await readFile(o.value.project, 'utf8');
        await s.paths.grant(o.value.project);
        return ok({
          projectText: text,
          name: basename(o.value.project),
          projectPath: o.value.project,
          runDir: o.value.runDirs[0],
        });
      }
      if (partial && !/\.onnx$/i.test(file))
        return bad('partial import is for ONNX models (.onnx): other formats import whole or not at all');
      const r = await importModelFile(file, { partial: partial === true });
      if (!r.ok) return bad(r.error);
      const placeholders = r.value.placeholders ? { placeholders: r.value.placeholders } : {};
      const base = projectBase(file).replace(/\.onnx$/i, '') || 'imported';
      if (r.value.weights.length === 0)
        return ok({ projectText: serializeProject(r.value.graph), name: `${base}.netloom.json`, ...placeholders });
      // Weights: write the project and its `imported` run beside the model file, under a free name.
      let projectPath = '';
      for (let i = 1; i < 1000 && !projectPath; i++) {
        const candidate = join(dirname(file), `${base}${i === 1 ? '' : `-${i}`}.netloom.json`);
        if (!existsSync(candidate) && !existsSync(defaultRunsDir(candidate))) projectPath = candidate;
      }
      if (!projectPath) return bad(`no free project name beside ${file}: move the model file to another folder`);
      const allowed = await s.paths.check(projectPath);
      if (!allowed.ok) return allowed;
      // writeImported also writes the run's run.json and settings.json, so the Runs tab lists it.
      const w = await writeImported(r.value, allowed.value, file);
      if (!w.ok) return bad(w.error);
      await s.paths.grant(w.value.project);
      const text = await readFile(w.value.project, 'utf8');
      return ok({
        projectText: text,
        name: basename(w.value.project),
        projectPath: w.value.project,
        runDir: w.value.runDir,
        ...placeholders,
      });
    },
  };
}
