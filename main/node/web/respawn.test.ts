// Which commands bin/netloom runs again in a child, and with what: serve on Linux with
// MALLOC_ARENA_MAX=2; train with V8's single-threaded collector when its data-parallel workers
// take every core (unless NETLOOM_GC=default).
import { describe, expect, it } from 'vitest';
import { GC_FLAG, respawnPlan, SERVE_CHILD, TRAIN_CHILD } from './respawn.mjs';

const argv = (command: string, ...flags: string[]) => ['node', 'bin/netloom', command, 'x.netloom.json', ...flags];
const gcChild = { env: { [TRAIN_CHILD]: '1' }, flags: [GC_FLAG] };

describe('respawnPlan', () => {
  it('starts train with the single-threaded collector when its workers take every core, once', () => {
    expect(respawnPlan(argv('train', '--workers', '2'), {}, [], 'linux', 2)).toEqual(gcChild);
    expect(respawnPlan(argv('train', '--workers=4'), {}, [], 'linux', 4)).toEqual(gcChild);
    expect(respawnPlan(argv('train', '--workers', '2'), {}, [GC_FLAG], 'linux', 2)).toBeNull();
    expect(respawnPlan(argv('train', '--workers', '2'), { NETLOOM_GC: 'default' }, [], 'linux', 2)).toBeNull();
  });

  it('keeps V8 defaults for one worker, auto, fewer workers than cores and the PyTorch engine', () => {
    expect(respawnPlan(argv('train', '--workers', '1'), {}, [], 'linux', 2)).toBeNull();
    expect(respawnPlan(argv('train', '--workers', 'auto'), {}, [], 'linux', 2)).toBeNull();
    expect(respawnPlan(argv('train'), {}, [], 'linux', 2)).toBeNull();
    expect(respawnPlan(argv('train', '--workers', '2'), {}, [], 'linux', 8)).toBeNull();
    expect(respawnPlan(argv('train', '--engine', 'torch', '--workers', '2'), {}, [], 'linux', 2)).toBeNull();
  });

  it('starts serve on Linux with MALLOC_ARENA_MAX=2, marked so that it follows its parent', () => {
    expect(respawnPlan(argv('serve'), {}, [], 'linux', 2)).toEqual({
      env: { MALLOC_ARENA_MAX: '2', [SERVE_CHILD]: '1' },
      flags: [],
    });
    expect(respawnPlan(argv('serve'), { MALLOC_ARENA_MAX: '4' }, [], 'linux', 2)).toBeNull();
    expect(respawnPlan(argv('serve'), { [SERVE_CHILD]: '1' }, [], 'linux', 2)).toBeNull();
    expect(respawnPlan(argv('serve'), {}, [], 'darwin', 2)).toBeNull();
  });

  it('runs every other command where it is', () => {
    for (const c of ['lint', 'export', 'evaluate', 'predict', 'inspect'])
      expect(respawnPlan(argv(c, '--workers', '2'), {}, [], 'linux', 2)).toBeNull();
  });
});
