#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed and a display exists;
// otherwise `netloom serve` in the browser (opened where there is one), with one line saying why.
// Arguments after `npm start --` go to `netloom serve` (e.g. --port 9000 --dir ~/nets).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** { path } of the Electron binary, or { reason } it cannot be used here. */
export function findElectron(env = process.env, platform = process.platform) {
  if (env.NETLOOM_NO_ELECTRON) return { reason: 'NETLOOM_NO_ELECTRON is set' };
  let binary;
  try {
    binary = require('electron');
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND') return { reason: 'the optional dependency electron is not installed' };
    return { reason: "Electron's binary was not downloaded (to get it: node node_modules/electron/install.js)" };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { reason: `Electron's binary is missing (${binary})` };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  return { path: binary };
}

function run(cmd, args) {
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function startDesktop(electron) {
  const { register } = await import('tsx/esm/api');
  register();
  const { ensureUi } = await import('../main/node/web/build-ui.ts');
  const ui = await ensureUi({ log: (line) => console.log(line) });
  if (!ui.ok) {
    console.error(`netloom: ${ui.error}`);
    process.exit(2);
  }
  const { buildElectron } = await import('./build-electron.mjs');
  await buildElectron(root);
  run(electron, [root]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const found = findElectron();
  if (found.path) {
    await startDesktop(found.path);
  } else {
    console.log(`netloom: opening the app in the browser instead of Electron: ${found.reason}.`);
    run(process.execPath, [join(root, 'bin/netloom'), 'serve', '--open', ...process.argv.slice(2)]);
  }
}
