// Which commands bin/netloom runs again in a child, and with what: serve on Linux with
// MALLOC_ARENA_MAX=2, train and serve with V8's single-threaded collector (unless NETLOOM_GC=default).
import { describe, expect, it } from 'vitest';
import { GC_FLAG, respawnPlan, SERVE_CHILD, TRAIN_CHILD } from './respawn.mjs';

const argv = (command: string) => ['node', 'bin/netloom', command, 'x.netloom.json'];

describe('respawnPlan', () => {
  it('starts train with the single-threaded collector, once', () => {
    expect(respawnPlan(argv('train'), {}, [], 'linux')).toEqual({ env: { [TRAIN_CHILD]: '1' }, flags: [GC_FLAG] });
    expect(respawnPlan(argv('train'), {}, [GC_FLAG], 'linux')).toBeNull();
    expect(respawnPlan(argv('train'), { NETLOOM_GC: 'default' }, [], 'linux')).toBeNull();
  });

  it('starts serve with both on Linux, and marks the child so it follows its parent', () => {
    expect(respawnPlan(argv('serve'), {}, [], 'linux')).toEqual({
      env: { MALLOC_ARENA_MAX: '2', [SERVE_CHILD]: '1' },
      flags: [GC_FLAG],
    });
    expect(respawnPlan(argv('serve'), { MALLOC_ARENA_MAX: '4' }, [], 'linux')).toEqual({
      env: { [SERVE_CHILD]: '1' },
      flags: [GC_FLAG],
    });
    expect(respawnPlan(argv('serve'), { [SERVE_CHILD]: '1' }, [GC_FLAG], 'linux')).toBeNull();
    expect(respawnPlan(argv('serve'), { NETLOOM_GC: 'default' }, [], 'darwin')).toBeNull();
  });

  it('runs every other command where it is', () => {
    for (const c of ['lint', 'export', 'evaluate', 'predict', 'inspect'])
      expect(respawnPlan(argv(c), {}, [], 'linux')).toBeNull();
  });
});
