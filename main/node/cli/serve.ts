/** `netloom serve`: the app for a browser, on localhost, with a token in the URL. */
import { parseArgs } from 'node:util';
import { followParent } from '../web/arena';
import { ensureUi } from '../web/build-ui';
import { canOpenBrowser, openBrowser } from '../web/open-browser';
import { nonLoopbackWarning, serveWorkspace } from '../web/start';
import type { Command } from './main';

const HELP = `usage: netloom serve [--port P] [--host 127.0.0.1] [--dir WORKSPACE] [--open]

Serves the Netloom app for a browser at http://127.0.0.1:P/?token=... (the token changes each
start; every request without it is refused). Project files are read and written only inside
WORKSPACE (default: the current folder).

  --port P       port to listen on (default 8737; 0 picks a free one)
  --host ADDR    address to bind (default 127.0.0.1; anything else is reachable from the network)
  --dir PATH     the workspace folder
  --open         open the URL in the default browser`;

export const command: Command = {
  summary: 'serve the app on localhost for a browser',
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          port: { type: 'string', default: '8737' },
          host: { type: 'string', default: '127.0.0.1' },
          dir: { type: 'string', default: '.' },
          open: { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
      }));
    } catch (e) {
      console.error(`netloom serve: ${(e as Error).message}\n\n${HELP}`);
      return 2;
    }
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`netloom serve: --port ${values.port}: a port is a whole number from 0 to 65535`);
      return 2;
    }
    // On Linux this runs in a child with MALLOC_ARENA_MAX=2 that bin/netloom started (main/node/web/respawn.mjs).
    followParent();
    const ui = await ensureUi({ log: (line) => console.log(line) });
    if (!ui.ok) {
      console.error(`netloom serve: ${ui.error}`);
      return 2;
    }
    const started = await serveWorkspace({ dir: values.dir, host: values.host, port, rendererDir: ui.value });
    if (!started.ok) {
      console.error(`netloom serve: ${started.error}`);
      return 2;
    }
    const server = started.value;
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    if (!server.loopback) console.warn(nonLoopbackWarning(values.host));
    console.log(`Netloom is running. Open this URL in a browser (Ctrl+C to stop):\n\n    ${server.url}\n`);
    if (values.open) {
      if (canOpenBrowser()) openBrowser(server.url);
      else console.log('(no display found, so no browser was opened)');
    }
    await stopped;
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(143));
    await server.close();
    // Nothing started by a request (a training worker) may keep a stopped server alive.
    setTimeout(() => process.exit(0), 1500).unref();
    return 0;
  },
};
