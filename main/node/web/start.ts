/** Starts the web host for a workspace folder: services, path policy confined to it, handlers, server. */
import { createHash } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { err, ok, type Result } from '../../../app/result';
import { createHandlers } from '../host/handlers';
import { PathPolicy } from '../host/paths';
import { createServices } from '../host/services';
import { startWebHost, type WebHost } from './server';

/** Where the web host keeps autosaves and recent files of a workspace (outside the workspace). */
export function webDataDir(workspace: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.NETLOOM_DATA_DIR ?? join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'netloom');
  return join(base, 'web', createHash('sha256').update(workspace).digest('hex').slice(0, 16));
}

export async function serveWorkspace(opts: {
  dir: string;
  host: string;
  port: number;
  rendererDir: string;
  dataDir?: string;
  token?: string;
}): Promise<Result<WebHost>> {
  const info = await stat(resolve(opts.dir)).catch(() => null);
  if (!info?.isDirectory()) return err(`--dir ${opts.dir}: not a folder`);
  const workspace = await realpath(resolve(opts.dir));
  const services = createServices({
    kind: 'web',
    dataDir: opts.dataDir ?? webDataDir(workspace),
    paths: new PathPolicy({ confine: workspace }),
  });
  try {
    return ok(
      await startWebHost({
        handlers: createHandlers(services),
        rendererDir: opts.rendererDir,
        host: opts.host,
        port: opts.port,
        token: opts.token,
      }),
    );
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      return err(`port ${opts.port} is in use: choose another with --port, or --port 0 for any free one`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      return err(`--host ${opts.host}: not an address of this machine`);
    if (code === 'EACCES') return err(`port ${opts.port} needs privileges: choose one above 1024`);
    return err(`could not start the server: ${(e as Error).message}`);
  }
}

export function nonLoopbackWarning(host: string): string {
  const bar = '!'.repeat(72);
  return [
    bar,
    `WARNING: netloom serve is listening on ${host}, not on loopback.`,
    'Anyone who can reach this machine on the network and learns the token can read and',
    'write project files in the served folder. The token is in the URL: share it with care.',
    'Use --host 127.0.0.1 (the default) unless you mean it, and prefer an SSH tunnel.',
    bar,
  ].join('\n');
}
