/**
 * The soak script's hammer mode (`node scripts/soak/soak.mjs --mode hammer --minutes 10`): measures
 * the idle memory of `netloom serve`, then sends requests as fast as a few parallel clients can
 * (loopback only) for the given duration, with a short training run going during the first part:
 * page and asset loads, refused and malformed requests, WebSocket connects and disconnects,
 * invokes of the reading channels (app.info, templates, data.info/preview, runs.list/get,
 * workspace.list, project.save/open) and bad frames. When it stops, the server is left idle and
 * its memory must come back within 20% of the idle figure (exit code 1 otherwise).
 */
import { request } from 'node:http';
import { readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const ownRss = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return 0;
  }
};
const childrenOf = (pid) => {
  try {
    return [
      ...new Set(
        readdirSync(`/proc/${pid}/task`).flatMap((t) =>
          readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
        ),
      ),
    ];
  } catch {
    return [];
  }
};
/** Resident memory of a process and its child processes (`netloom serve` runs as a child of itself on Linux). */
export const rssMb = (pid) => ownRss(pid) + childrenOf(pid).reduce((a, c) => a + rssMb(c), 0);

/** One HTTP request; resolves with the status (0 when the connection failed). */
function get(port, path, headers = {}) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

function open(port, token) {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin: `http://127.0.0.1:${port}` });
    ws.on('open', () => resolve(ws));
    ws.on('error', () => resolve(null));
  });
}

/** A client over one WebSocket: invoke() with a result promise. */
function client(ws) {
  let next = 0;
  const waiting = new Map();
  const events = new Set();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data));
    if (msg.type === 'result') {
      waiting.get(msg.id)?.(msg.result);
      waiting.delete(msg.id);
    } else for (const l of events) l(msg);
  });
  ws.on('close', () => {
    for (const [, r] of waiting) r({ ok: false });
    waiting.clear();
  });
  const invoke = (channel, args = {}) =>
    new Promise((resolve) => {
      const id = ++next;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ type: 'invoke', id, channel, args }));
    });
  return { ws, invoke, events };
}

/**
 * @param {{ server: import('node:child_process').ChildProcess, port: number, token: string, workspace: string, minutes: number, out: string, backend: string }} o
 */
export async function hammer(o) {
  const { server, port, token, workspace } = o;
  const cookie = { Cookie: `netloom-token-${port}=${token}` };
  const sample = async (seconds) => {
    const xs = [];
    for (let i = 0; i < seconds; i++) {
      xs.push(rssMb(server.pid));
      await sleep(1000);
    }
    return median(xs);
  };
  writeFileSync(o.out, 'elapsed_s,phase,requests,rss_mb\n');
  console.log('hammer: settling, then measuring idle memory (30 s)');
  await sleep(15_000);
  const idle = await sample(15);
  console.log(`hammer: idle rss ${idle.toFixed(0)} MB`);

  const main = client(await open(port, token));
  const base = JSON.parse((await main.invoke('templates.build', { name: 'lenet5' })).value.text);
  const projectPath = join(workspace, 'hammer.netloom.json');
  await main.invoke('project.save', { path: projectPath, text: JSON.stringify(base) });
  writeFileSync(
    join(workspace, 'table.csv'),
    `a,b,label\n${Array.from({ length: 2000 }, (_, i) => `${i % 7},${i % 3},${i % 2}`).join('\n')}\n`,
  );

  // A short training run during the first part of the hammering.
  const dataset = { name: 'synthetic', trainSize: 2000, testSize: 200 };
  let trainingDone = false;
  const started =
    o.train === false
      ? { ok: false }
      : await main.invoke('train.start', {
          projectPath,
          training: { epochs: 3, batch_size: 64, optimizer: 'sgd', lr: 0.05 },
          dataset,
          backend: o.backend,
        });
  if (started.ok) {
    main.events.add((m) => {
      if (m.event === 'train.done' && m.payload.sessionId === started.value.sessionId) trainingDone = true;
    });
  } else trainingDone = true;

  const t0 = Date.now();
  const until = t0 + o.minutes * 60_000;
  let count = 0;
  let failures = 0;
  const peak = { rss: 0 };
  const actions = [
    () => get(port, '/', cookie),
    () => get(port, '/index.html', cookie),
    () => get(port, '/'),
    () => get(port, '//'),
    () => get(port, '/nope.js', cookie),
    () => get(port, '/', { ...cookie, Origin: 'http://evil.example' }),
    () => get(port, '/', { Cookie: `netloom-token-${port}=%` }),
    async () => {
      const ws = await open(port, token);
      ws?.close();
      return 101;
    },
    async () => {
      const ws = await open(port, 'wrong');
      ws?.close();
      return 401;
    },
  ];
  const invokes = [
    ['app.info', {}],
    ['templates.list', {}],
    ['templates.build', { name: 'lenet5' }],
    ['runs.list', { projectPath }],
    ['runs.list', {}],
    ['workspace.list', { dir: '' }],
    ['project.open', { path: projectPath }],
    ['data.info', { dataset }],
    ['data.preview', { dataset, augment: 'flip,rotate=10', samples: 4, variants: 4 }],
    ['data.info', { dataset: { name: 'csv', path: 'table.csv' } }],
    ['data.sources', {}],
    ['train.sessions', {}],
    ['project.save', { path: projectPath, text: JSON.stringify(base) }],
    ['autosave.write', { projectKey: 'hammer', text: JSON.stringify(base), path: projectPath }],
    ['project.open', { path: '/etc/passwd' }],
    ['nope.channel', {}],
  ];
  const worker = async (k) => {
    let c = client(await open(port, token));
    let runDir = null;
    for (let i = 0; Date.now() < until; i++) {
      let r;
      if (i % 3 === 0) r = await actions[(i + k) % actions.length]();
      else if (i % 50 === 49) {
        // Reconnect: a page reload.
        c.ws.close();
        c = client(await open(port, token));
        continue;
      } else if (i % 17 === 0) {
        c.ws.send(i % 2 ? 'not json' : JSON.stringify({ type: 'invoke', id: -1, channel: 7 }));
        continue;
      } else if (i % 11 === 0 && runDir) {
        r = await c.invoke('runs.get', { runDir });
      } else {
        const [channel, args] = invokes[(i * 7 + k) % invokes.length];
        r = await c.invoke(channel, args);
        if (channel === 'runs.list' && r.ok && r.value.length) runDir = r.value[0].dir;
      }
      count++;
      if (r === 0) failures++;
    }
    c.ws.close();
  };
  const sampler = (async () => {
    while (Date.now() < until) {
      await sleep(5000);
      const rss = rssMb(server.pid);
      peak.rss = Math.max(peak.rss, rss);
      const phase = trainingDone ? 'hammer' : 'hammer+training';
      appendFileSync(o.out, `${((Date.now() - t0) / 1000).toFixed(0)},${phase},${count},${rss.toFixed(1)}\n`);
      if (Math.round((Date.now() - t0) / 1000) % 30 < 5)
        console.log(
          `hammer: ${((Date.now() - t0) / 60000).toFixed(1)} min  ${phase}  ${count} requests  rss ${rss.toFixed(0)} MB`,
        );
    }
  })();
  await Promise.all([...Array.from({ length: 6 }, (_, k) => worker(k)), sampler]);
  main.ws.close();
  console.log('hammer: stopped; the server is idle again (45 s)');
  await sleep(30_000);
  const after = await sample(15);
  appendFileSync(o.out, `${((Date.now() - t0) / 1000).toFixed(0)},idle-after,${count},${after.toFixed(1)}\n`);
  const summary = {
    minutes: Number(((Date.now() - t0) / 60000).toFixed(1)),
    requests: count,
    connection_failures: failures,
    training_finished: trainingDone,
    rss_idle_mb: Number(idle.toFixed(1)),
    rss_peak_mb: Number(peak.rss.toFixed(1)),
    rss_idle_after_mb: Number(after.toFixed(1)),
    ratio: Number((after / idle).toFixed(3)),
    within_20_percent: after <= idle * 1.2,
  };
  console.log(JSON.stringify(summary));
  return summary;
}
