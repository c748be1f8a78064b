/**
 * Makes sure dist/renderer is current before it is served: when it is missing, or older than
 * any file of renderer/, app/ or the build configuration, it is built with vite's JS API into
 * a temporary folder which then replaces dist/renderer (a half-built UI is never served).
 * A checkout with no dev dependencies (no vite) serves whatever dist/renderer holds.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, ok, type Result } from '../../../app/result';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STAMP = '.netloom-build';
const SOURCES = [
  'renderer',
  'app',
  'vite.config.ts',
  'package.json',
  'tsconfig.renderer.json',
  'assets/icon.svg',
  'scripts/icons.mjs',
];

/** Newest modification time (ms) of a file or folder tree; folders count too, so deletions show. */
export async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  let newest = info.mtimeMs;
  if (info.isDirectory()) {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      newest = Math.max(newest, await newestMtime(join(path, entry.name)));
    }
  }
  return newest;
}

export async function uiIsStale(root: string, outDir: string): Promise<boolean> {
  const stamp = await stat(join(outDir, STAMP)).catch(() => null);
  if (!stamp) return true;
  let newest = 0;
  for (const s of SOURCES) newest = Math.max(newest, await newestMtime(join(root, s)));
  return newest > stamp.mtimeMs;
}

/** NETLOOM_UI_DIR names a built UI to serve as it is (a packaged install, or tests). */
export async function ensureUi(
  opts: { root?: string; log?: (line: string) => void; env?: NodeJS.ProcessEnv } = {},
): Promise<Result<string>> {
  const given = (opts.env ?? process.env).NETLOOM_UI_DIR;
  if (given)
    return existsSync(join(given, 'index.html')) ? ok(given) : err(`NETLOOM_UI_DIR=${given}: no index.html there`);
  const root = opts.root ?? REPO_ROOT;
  const outDir = join(root, 'dist', 'renderer');
  if (!(await uiIsStale(root, outDir))) return ok(outDir);
  const release = await lock(join(root, 'dist', '.renderer.lock'));
  try {
    // Another process may have built it while this one waited for the lock.
    if (!(await uiIsStale(root, outDir))) return ok(outDir);
    await removeLeftovers(join(root, 'dist'));
    return await build(root, outDir, opts.log);
  } finally {
    await release();
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Folders of builds whose process was killed midway. */
async function removeLeftovers(dist: string): Promise<void> {
  for (const name of await readdir(dist).catch(() => [] as string[])) {
    const m = /^\.renderer-(?:old-)?(\d+)$/.exec(name);
    if (m && !alive(Number(m[1]))) await rm(join(dist, name), { recursive: true, force: true });
  }
}

/** One build at a time (several `netloom serve` may start together, as in the e2e tests). */
async function lock(file: string): Promise<() => Promise<void>> {
  await mkdir(join(file, '..'), { recursive: true });
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch {
      const owner = Number(await readFile(file, 'utf8').catch(() => ''));
      if (!owner || !alive(owner)) await rm(file, { force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function build(root: string, outDir: string, log?: (line: string) => void): Promise<Result<string>> {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    if (existsSync(join(outDir, 'index.html'))) return ok(outDir);
    return err(
      'the UI is not built and vite is missing: run `npm install` (with dev dependencies) in the netloom folder',
    );
  }
  const fresh = existsSync(join(outDir, STAMP)) ? 'the sources changed' : 'first start';
  log?.(`netloom: building the UI (${fresh}), this takes a little while…`);
  const tmp = join(root, 'dist', `.renderer-${process.pid}`);
  // Always React's production build, whatever NODE_ENV this process inherited: Vite and the React
  // plugin take the mode from NODE_ENV, and `netloom serve` started by vitest has NODE_ENV=test, which
  // gave a development build (slower, and a React DevTools line in the browser console).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'error',
      mode: 'production',
      build: { outDir: tmp, emptyOutDir: true },
    });
    await writeFile(join(tmp, STAMP), new Date().toISOString());
    const old = join(root, 'dist', `.renderer-old-${process.pid}`);
    if (existsSync(outDir)) await rename(outDir, old);
    await rename(tmp, outDir);
    await rm(old, { recursive: true, force: true });
    return ok(outDir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    const message = e instanceof Error ? e.message : String(e);
    return err(`the UI failed to build: ${message.split('\n').slice(0, 3).join(' ')}`);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
