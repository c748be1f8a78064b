/** Starts `bin/netloom serve --port 0` on a fresh workspace and reads the URL (with its token) from its output. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface Served {
  url: string;
  workspace: string;
  stop(): Promise<void>;
}

export async function serve(): Promise<Served> {
  const workspace = await mkdtemp(join(tmpdir(), 'netloom-e2e-ws-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'netloom-e2e-data-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(REPO, 'bin/netloom'), 'serve', '--port', '0', '--dir', workspace],
    {
      cwd: REPO,
      env: { ...process.env, NETLOOM_DATA_DIR: dataDir, BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`netloom serve printed no URL within 170 s:\n${output}`)), 170_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*token=\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`netloom serve exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    workspace,
    async stop() {
      child.removeAllListeners('exit');
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          child.once('exit', r);
          setTimeout(r, 5000);
        });
      }
      await rm(workspace, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
