/** `netloom train --engine torch` flags: what they become, and one-line errors naming the flag. */
import { describe, expect, it } from 'vitest';
import { engineFromFlags } from './train-engine';

describe('--engine and the PyTorch flags', () => {
  it('builds the PyTorch options', () => {
    expect(engineFromFlags({})).toEqual({ ok: true, value: {} });
    expect(engineFromFlags({ engine: 'torch', device: 'cuda:1', nproc: '4', 'sync-bn': true })).toEqual({
      ok: true,
      value: { engine: 'torch', torch: { device: 'cuda:1', nproc: 4, sync_bn: true } },
    });
    expect(
      engineFromFlags({
        engine: 'torch',
        nproc: '8',
        nnodes: '2',
        'node-rank': '1',
        'master-addr': '10.0.0.1',
        'master-port': '29500',
        python: '/opt/py/bin/python',
      }),
    ).toEqual({
      ok: true,
      value: {
        engine: 'torch',
        torch: {
          nproc: 8,
          nnodes: 2,
          node_rank: 1,
          master_addr: '10.0.0.1',
          master_port: 29500,
          python: '/opt/py/bin/python',
        },
      },
    });
  });

  it('rejects what does not fit, naming the flag and the fix', () => {
    const cases: [Record<string, string | boolean>, RegExp][] = [
      [{ engine: 'jax' }, /--engine must be netloom or torch, got 'jax'/],
      [{ nproc: '2' }, /--nproc applies to --engine torch only/],
      [{ engine: 'torch', device: 'gpu' }, /--device must be cpu, cuda, cuda:N or mps, got 'gpu'/],
      [{ engine: 'torch', nproc: 'two' }, /--nproc must be an integer, got 'two'/],
      [{ engine: 'torch', nproc: '0' }, /--nproc must be an integer from 1/],
      [{ engine: 'torch', nnodes: '2' }, /--nnodes > 1 needs --master-addr/],
      [
        { engine: 'torch', nnodes: '2', 'node-rank': '2', 'master-addr': 'h' },
        /--node-rank 2 must be below --nnodes 2/,
      ],
      [{ engine: 'torch', backend: 'wasm' }, /with --engine torch use --device/],
      [{ engine: 'torch', workers: '2' }, /with --engine torch use --nproc/],
    ];
    for (const [flags, message] of cases) {
      const r = engineFromFlags(flags);
      expect(r.ok, JSON.stringify(flags)).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });
});
