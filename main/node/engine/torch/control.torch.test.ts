/**
 * The PyTorch engine under control and under failure: pause, resume and stop from the host reach
 * Python (the control file); a syntax error in the runner, CUDA asked for where there is none and
 * a killed rank each end as a failed run with a one-line reason (the traceback in torch.log).
 */
import { copyFileSync, appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../../../../app/graph/schema';
import type { EventPayload } from '../../../../app/protocol';
import { makeHost, tempDir } from '../../host/test-host';
import type { RunInfo } from '../../runs/run';
import { RUNNER } from './launch';
import { lenetRequest, runToEnd } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'netloom-torch-control-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until<T>(get: () => T | undefined): Promise<T> {
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const runInfo = (d: string) => JSON.parse(readFileSync(join(d, 'run.json'), 'utf8')) as RunInfo;

describe('PyTorch engine: control and failures', { timeout: 600_000 }, () => {
  it('pause, resume and stop from the host reach Python', async () => {
    const ws = await tempDir();
    const host = await makeHost({ kind: 'web', workspace: ws });
    const req = lenetRequest({ epochs: 200, batch_size: 8 });
    const started = await host.call('train.start', {
      text: serializeProject({ ...req.graph, dataset: { name: 'synthetic', trainSize: 320, testSize: 160 } }),
      training: { epochs: 200, batch_size: 8, lr: 0.01, seed: 1 },
      engine: 'torch',
      torch: { device: 'cpu' },
    });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    if (!started.ok) return;
    const { sessionId } = started.value as { sessionId: string };
    const progress = () => host.events.filter((e) => e.event === 'train.progress').length;
    await until(() => (progress() > 0 ? true : undefined));
    const begun = host.events.find((e) => e.event === 'train.started')?.payload as EventPayload<'train.started'>;
    expect(begun).toMatchObject({ engine: 'torch', device: 'cpu', worldSize: 1 });
    expect(await host.call('train.pause', { sessionId })).toMatchObject({ ok: true });
    const acked = (state: string) =>
      host.events.findIndex(
        (e) =>
          e.event === 'train.state' &&
          (e.payload as { acknowledged?: boolean; state: string }).acknowledged &&
          (e.payload as { state: string }).state === state,
      );
    await until(() => (acked('paused') >= 0 ? true : undefined));
    const atPause = host.events.length;
    expect(await host.call('train.resume', { sessionId })).toMatchObject({ ok: true });
    await until(() => (acked('running') >= 0 ? true : undefined));
    // Nothing trained between Python's "paused" and its "running".
    expect(
      host.events.slice(acked('paused'), acked('running')).filter((e) => e.event === 'train.progress'),
    ).toHaveLength(0);
    expect(atPause).toBeGreaterThan(0);
    const before = progress();
    await until(() => (progress() > before ? true : undefined));
    expect(await host.call('train.stop', { sessionId })).toMatchObject({ ok: true });
    const done = await until(
      () => host.events.find((e) => e.event === 'train.done')?.payload as EventPayload<'train.done'> | undefined,
    );
    expect(done, JSON.stringify(done)).toMatchObject({ status: 'stopped' });
    expect(done.message).toMatch(/^Stopped at epoch \d+, batch \d+\.$/);
    expect(done.epochsDone).toBeLessThan(200);
    expect(runInfo(done.runDir as string).status).toBe('stopped');
  });

  it('a syntax error in the Python script: a failed run, the error as the reason, the traceback in torch.log', async () => {
    const broken = join(dir, 'runner.py');
    copyFileSync(RUNNER, broken);
    appendFileSync(broken, '\ndef oops(:\n');
    process.env.NETLOOM_TORCH_RUNNER = broken;
    try {
      const out = join(dir, 'syntax');
      const r = await runToEnd(lenetRequest({}, { engine: 'torch', out }));
      expect(r.end, JSON.stringify(r.end)).toMatchObject({ event: 'done', status: 'failed' });
      expect((r.end as { message: string }).message).toMatch(/^PyTorch engine failed: SyntaxError: .*see .*torch\.log/);
      expect(runInfo(out)).toMatchObject({ status: 'failed' });
      expect(readFileSync(join(out, 'torch.log'), 'utf8')).toMatch(/def oops\(:[\s\S]*SyntaxError/);
    } finally {
      delete process.env.NETLOOM_TORCH_RUNNER;
    }
  });

  it("a NaN loss ends the run as failed with the built-in engine's message", async () => {
    const out = join(dir, 'nan');
    const r = await runToEnd(lenetRequest({ lr: 1e30, epochs: 1 }, { engine: 'torch', torch: { device: 'cpu' }, out }));
    expect(r.end, JSON.stringify(r.end)).toMatchObject({ event: 'done', status: 'failed' });
    expect((r.end as { message: string }).message).toMatch(
      /^Loss became (NaN|Infinity|-Infinity) at epoch 1, batch \d+: training stopped\./,
    );
    expect(runInfo(out).status).toBe('failed');
  });

  it('CUDA asked for on a machine without it: a failed run that says so and what to do', async () => {
    const out = join(dir, 'cuda');
    const r = await runToEnd(lenetRequest({}, { engine: 'torch', torch: { device: 'cuda' }, out }));
    expect(r.end, JSON.stringify(r.end)).toMatchObject({ event: 'done', status: 'failed' });
    const message = (r.end as { message: string }).message;
    // A machine with CUDA would train: this checks the CPU-only case only.
    if (!/CUDA is not available/.test(message)) return;
    expect(message).toMatch(/--device cuda: CUDA is not available to torch .*use --device cpu/);
    expect(runInfo(out).message).toBe(message);
  });

  it('a rank killed mid-epoch: the run fails naming the rank, the other rank does not hang', async () => {
    process.env.NETLOOM_TORCH_FAULT = 'kill-rank-1@3';
    try {
      const out = join(dir, 'killed');
      const r = await runToEnd(
        lenetRequest({ batch_size: 16 }, { engine: 'torch', torch: { device: 'cpu', nproc: 2 }, out }),
      );
      expect(r.end, JSON.stringify(r.end)).toMatchObject({ event: 'done', status: 'failed', world_size: 2 });
      expect((r.end as { message: string }).message).toMatch(
        /^PyTorch engine failed: rank 1 died \(Signal 9 \(SIGKILL\)/,
      );
    } finally {
      delete process.env.NETLOOM_TORCH_FAULT;
    }
  });
});
