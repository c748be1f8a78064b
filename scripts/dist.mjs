#!/usr/bin/env node
// `npm run dist`: desktop packages (AppImage and deb on Linux, dmg on macOS, NSIS on Windows)
// with electron-builder (electron-builder.yml). Builds the renderer and dist/electron first.
// Needs the network (electron-builder and the Electron binaries are downloaded), so it cannot
// run on the offline build machine. Extra arguments go to electron-builder (e.g. --linux deb).
// First `npm audit --omit=dev`: a high or critical advisory fails the build.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { buildElectron } from './build-electron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ELECTRON_BUILDER = 'electron-builder@26.17.0';

const { register } = await import('tsx/esm/api');
register();
// Production dependencies are audited first: a high or critical advisory stops the release; an
// advisory service out of reach is said loudly and the build goes on (scripts/audit.ts).
const { runAudit } = await import('./audit.ts');
const audit = runAudit(root);
if (audit.verdict === 'fail') {
  console.error(`netloom dist: ${audit.message}`);
  process.exit(1);
}
console.log(audit.verdict === 'skip' ? `netloom dist: WARNING: ${audit.message}` : `netloom dist: ${audit.message}`);
const { ensureUi } = await import('../main/node/web/build-ui.ts');
const ui = await ensureUi({ root, log: (line) => console.log(line) });
if (!ui.ok) {
  console.error(`netloom dist: ${ui.error}`);
  process.exit(2);
}
await buildElectron(root);
// The packages' icons (electron-builder.yml points at them), rendered from assets/icon.svg with sharp.
const { writeAppIcons } = await import('./icons.mjs');
await writeAppIcons(join(root, 'dist', 'icons'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const r = spawnSync(
  npx,
  ['--yes', ELECTRON_BUILDER, '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
if (r.status !== 0) {
  console.error('netloom dist: electron-builder failed (it needs the network to fetch Electron; see the lines above).');
  process.exit(r.status ?? 1);
}
