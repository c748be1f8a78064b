#!/usr/bin/env node
/**
 * Soak test of the web host: starts `bin/netloom serve` on a temporary workspace and, for the
 * given duration, drives it over the WebSocket contract the UI uses: document edits (template
 * build, project.save, autosave.write/discard), train.start on the synthetic set, train.stop after
 * a random delay (every third run finishes), runs.list/runs.delete. Every sample records the
 * host's resident memory (the serve process: host + training worker threads) and the live tfjs
 * tensor count the worker reported at its last epoch end.
 *
 *   node scripts/soak/soak.mjs [--minutes 30] [--out soak.csv] [--backend auto|wasm|cpu]
 *
 * Prints one line per cycle and a summary (first/last 5 minutes RSS medians, tensor counts).
 *
 *   node scripts/soak/soak.mjs --mode hammer [--minutes 10] [--out hammer.csv]
 *
 * Hammer mode (scripts/soak/hammer.mjs): idle memory, then requests as fast as six clients can
 * send them (a short training run during the first part), then idle again; exits 1 unless the
 * memory ends within 20% of the idle figure.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { hammer, rssMb } from './hammer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    out: { type: 'string' },
    backend: { type: 'string', default: 'auto' },
    mode: { type: 'string', default: 'cycles' },
  },
});
const hammerMode = values.mode === 'hammer';
if (!hammerMode && values.mode !== 'cycles') {
  console.error(`soak: --mode ${values.mode}: cycles (default) or hammer`);
  process.exit(2);
}
values.minutes ??= hammerMode ? '10' : '30';
values.out ??= hammerMode ? 'hammer.csv' : 'soak.csv';
const durationMs = Number(values.minutes) * 60_000;

const tmp = mkdtempSync(join(tmpdir(), 'netloom-soak-'));
const workspace = join(tmp, 'ws');
const ui = join(tmp, 'ui');
mkdirSync(workspace);
mkdirSync(ui);
writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Netloom soak</title>');

const server = spawn(process.execPath, [join(root, 'bin', 'netloom'), 'serve', '--dir', workspace, '--port', '0'], {
  env: { ...process.env, NETLOOM_UI_DIR: ui, NETLOOM_DATA_DIR: join(tmp, 'data') },
  stdio: ['ignore', 'pipe', 'pipe'],
});
process.on('exit', () => server.kill('SIGTERM'));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130)); // runs the exit handler: the server stops too
process.on('uncaughtException', (e) => {
  console.error(`soak failed: ${e.message}`);
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  console.error(`soak failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
let serverLog = '';
const url = await new Promise((resolve, reject) => {
  const onData = (d) => {
    serverLog += String(d);
    const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)/.exec(serverLog);
    if (m) resolve({ port: Number(m[1]), token: m[2] });
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.on('exit', (code) => reject(new Error(`serve exited (${code}): ${serverLog}`)));
});

if (hammerMode) {
  const summary = await hammer({
    server,
    port: url.port,
    token: url.token,
    workspace,
    minutes: Number(values.minutes),
    out: values.out,
    backend: values.backend,
  });
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(tmp, { recursive: true, force: true });
  process.exit(summary.within_20_percent ? 0 : 1);
}

const ws = new WebSocket(`ws://127.0.0.1:${url.port}/ws?token=${url.token}`, {
  origin: `http://127.0.0.1:${url.port}`,
});
await new Promise((resolve, reject) => {
  ws.on('open', resolve);
  ws.on('error', reject);
});
let nextId = 0;
const waiting = new Map();
const listeners = new Set();
ws.on('message', (data) => {
  const msg = JSON.parse(String(data));
  if (msg.type === 'result') {
    waiting.get(msg.id)?.(msg.result);
    waiting.delete(msg.id);
  } else for (const l of listeners) l(msg);
});
const invoke = (channel, args = {}) =>
  new Promise((resolve) => {
    const id = ++nextId;
    waiting.set(id, resolve);
    ws.send(JSON.stringify({ type: 'invoke', id, channel, args }));
  });
const must = async (channel, args) => {
  const r = await invoke(channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
};
const waitEvent = (pred, ms) =>
  new Promise((resolve) => {
    const l = (m) => {
      if (pred(m)) {
        listeners.delete(l);
        clearTimeout(t);
        resolve(m);
      }
    };
    const t = setTimeout(() => {
      listeners.delete(l);
      resolve(null);
    }, ms);
    listeners.add(l);
  });

const base = JSON.parse((await must('templates.build', { name: 'lenet5' })).text);
const projectPath = join(workspace, 'soak.netloom.json');
writeFileSync(values.out, 'elapsed_s,cycle,status,rss_mb,worker_tensors,epochs_done\n');
const started = Date.now();
const samples = [];
let cycle = 0;
let lastTensors = null;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

while (Date.now() - started < durationMs) {
  cycle++;
  // Document edits: change a parameter, save, autosave, and discard the recovery file.
  const doc = structuredClone(base);
  const conv = doc.nodes.find((n) => n.type === 'Conv2d');
  if (conv) conv.params.out_channels = 4 + (cycle % 5);
  doc.name = `Soak${cycle}`;
  const text = JSON.stringify(doc);
  await must('project.save', { path: projectPath, text });
  for (let k = 0; k < 5; k++) await must('autosave.write', { projectKey: 'soak', text, path: projectPath });
  await must('autosave.discard', { projectKey: 'soak' });
  // Train on the synthetic set; stop it after a random delay unless this cycle runs to the end.
  const training = { epochs: 2, batch_size: 64, optimizer: 'sgd', lr: 0.05, momentum: 0.9 };
  const dataset = { name: 'synthetic', trainSize: 1200, testSize: 200 };
  const startedEvent = waitEvent((m) => m.event === 'train.started', 120_000);
  const { sessionId } = await must('train.start', { projectPath, training, dataset, backend: values.backend });
  const doneEvent = waitEvent((m) => m.event === 'train.done' && m.payload.sessionId === sessionId, 600_000);
  const s = await startedEvent;
  if (cycle % 3 !== 0) {
    await sleep(500 + Math.random() * 3000);
    await invoke('train.stop', { sessionId });
  }
  const done = await doneEvent;
  const runDir = s?.payload.runDir ?? done?.payload.runDir;
  if (runDir && existsSync(join(runDir, 'metrics.jsonl'))) {
    const epochs = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"event":"epoch"'));
    if (epochs.length) lastTensors = JSON.parse(epochs[epochs.length - 1]).tensors;
  }
  // Keep the disk flat: delete the runs of the project.
  for (const r of await must('runs.list', { projectPath })) await must('runs.delete', { runDir: r.dir });
  const rss = rssMb(server.pid);
  const elapsed = (Date.now() - started) / 1000;
  samples.push({ elapsed, rss, tensors: lastTensors });
  const status = done ? done.payload.status : 'timeout';
  appendFileSync(
    values.out,
    `${elapsed.toFixed(1)},${cycle},${status},${rss.toFixed(1)},${lastTensors ?? ''},${done?.payload.epochs_done ?? ''}\n`,
  );
  console.log(
    `${(elapsed / 60).toFixed(1)} min  cycle ${cycle}  ${status}  rss ${rss.toFixed(0)} MB  worker tensors ${lastTensors ?? '-'}`,
  );
  if (!done) throw new Error(`cycle ${cycle}: no train.done within 10 minutes`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const window = Math.min(300, durationMs / 1000 / 3);
const first = samples.filter((x) => x.elapsed <= window).map((x) => x.rss);
const last = samples.filter((x) => x.elapsed >= samples[samples.length - 1].elapsed - window).map((x) => x.rss);
const tensors = [...new Set(samples.map((x) => x.tensors).filter((t) => t !== null))];
const summary = {
  minutes: Number(((Date.now() - started) / 60000).toFixed(1)),
  cycles: cycle,
  rss_first_window_median_mb: Number(median(first).toFixed(1)),
  rss_last_window_median_mb: Number(median(last).toFixed(1)),
  rss_max_mb: Number(Math.max(...samples.map((x) => x.rss)).toFixed(1)),
  worker_tensor_counts_seen: tensors,
  window_s: window,
};
console.log(JSON.stringify(summary));
ws.close();
server.kill('SIGTERM');
await sleep(500);
rmSync(tmp, { recursive: true, force: true });
